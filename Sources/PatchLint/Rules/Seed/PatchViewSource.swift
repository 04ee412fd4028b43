/// Where a series rule gets a patch's post-image views from when it asks for them.
enum PatchViewSource: Sendable {
    /// Views made already (tests).
    case views([CodeView])
    /// A patch in memory: its views, lexed once and kept with it.
    case patch(Patch)
    /// A streamed review's patches, read again on demand (`PatchRereader`).
    case reread(PatchRereader)

    func views(position: Int) -> [CodeView] {
        switch self {
        case .views(let views): return views
        case .patch(let patch): return CodeView.views(of: patch, side: .new)
        case .reread(let rereader): return CodeView.views(of: rereader.patch(at: position), side: .new)
        }
    }
}
