import Testing
@testable import PatchLint

@Suite("Core fast paths: views kept with the patch")
struct CoreFastPathViewCacheTests {
    static func patch() -> Patch {
        let hunk = Hunk(oldStart: 1, newStart: 1, section: "int f(void)",
                        body: [(.context, "{"), (.removed, "\told();"), (.added, "\tnew_call(x);"), (.context, "}")])
        return Patch(origin: .commit, id: "abc", subject: "s",
                     files: [FileDiff(oldPath: "a.c", newPath: "a.c", status: .modified, hunks: [hunk])])
    }

    @Test("copies of a patch share its post-image views; changing the files drops them")
    func sharedAndInvalidated() {
        let patch = Self.patch()
        let copy = patch
        let first = CodeView.views(of: patch, side: .new)
        #expect(first.count == 1)
        #expect(first[0].tokens.map(\.text).contains("new_call"))
        // The copy finds the same views (shared), not a second lexing with its own array.
        let again = CodeView.views(of: copy, side: .new)
        #expect(again[0].tokens == first[0].tokens)
        #expect(patch.derived === copy.derived)

        // Code-motion marking changes the files: the views must see `moved`.
        var marked = patch
        marked.files[0].hunks[0].lines[2].moved = true
        #expect(marked.derived !== patch.derived)
        let markedViews = CodeView.views(of: marked, side: .new)
        let call = markedViews[0].tokens.firstIndex { $0.text == "new_call" }!
        #expect(!markedViews[0].isNew(call))
        #expect(first[0].isNew(first[0].tokens.firstIndex { $0.text == "new_call" }!))
        // Equality ignores the cache.
        #expect(patch == copy)
        #expect(marked != patch)
    }

    @Test("the views equal a fresh lexing of the files")
    func sameAsBuilding() {
        let patch = Self.patch()
        let cached = CodeView.views(of: patch, side: .new)
        let fresh = CodeView.build(patch, .new)
        #expect(cached.map(\.tokens) == fresh.map(\.tokens))
        #expect(cached.map(\.statements) == fresh.map(\.statements))
    }
}
