/// MMUReference: an executable reference model of KVM's x86 MMU (guest paging, the
/// direct/TDP MMU and the shadow MMU). Pure Swift; knows nothing about patches.
public enum MMUReference {
    public static let version = "0.1.0"
}
