/// The flag vocabulary of `mmu-review model access` (shared/model/ACCESS.md): each
/// flag names one bit of the fixed page tables, of PKRU, of the access or of the
/// control registers. The raw value is the flag's bit in an `AccessFlagSet`.
public enum AccessFlag: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case ptePresent, pteWritable, pteUser, pteAccessed, pteDirty, pteExecuteDisable
    case pteBit51, pteBit36
    case pdePresent, pdeWritable, pdeUser, pdeAccessed, pdeDirty, pdeExecuteDisable, pdePageSize
    case pdeBit51, pdeBit36, pdeBit13
    case pdpteReadOnly
    case pkuAccessDisable, pkuWriteDisable, pkuKey1
    case accessUser, accessWrite, accessFetch, accessTwice
    case eferNX, cr0WP, cr4SMEP, cr4PKE

    /// The flag's name in the contract.
    public var name: String {
        switch self {
        case .ptePresent: "pte.p"
        case .pteWritable: "pte.rw"
        case .pteUser: "pte.user"
        case .pteAccessed: "pte.a"
        case .pteDirty: "pte.d"
        case .pteExecuteDisable: "pte.nx"
        case .pteBit51: "pte.51"
        case .pteBit36: "pte.36"
        case .pdePresent: "pde.p"
        case .pdeWritable: "pde.rw"
        case .pdeUser: "pde.user"
        case .pdeAccessed: "pde.a"
        case .pdeDirty: "pde.d"
        case .pdeExecuteDisable: "pde.nx"
        case .pdePageSize: "pde.pse"
        case .pdeBit51: "pde.51"
        case .pdeBit36: "pde.36"
        case .pdeBit13: "pde.13"
        case .pdpteReadOnly: "pdpte.ro"
        case .pkuAccessDisable: "pku.ad"
        case .pkuWriteDisable: "pku.wd"
        case .pkuKey1: "pku.pkey"
        case .accessUser: "access.user"
        case .accessWrite: "access.write"
        case .accessFetch: "access.fetch"
        case .accessTwice: "access.twice"
        case .eferNX: "cpu.efer.nx"
        case .cr0WP: "cpu.cr0.wp"
        case .cr4SMEP: "cpu.cr4.smep"
        case .cr4PKE: "cpu.cr4.pke"
        }
    }

    public var description: String { name }

    /// The flag called `name`, if the contract has one.
    public init?(name: String) {
        guard let flag = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = flag
    }
}

/// A set of contract flags, one bit per `AccessFlag` (bit = raw value). Every
/// subset is a legal input line.
public struct AccessFlagSet: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ flag: AccessFlag) { rawValue = 1 << UInt32(flag.rawValue) }

    public init(_ flags: [AccessFlag]) {
        rawValue = 0
        for flag in flags { insert(AccessFlagSet(flag)) }
    }

    /// Parses a space-separated list of flag names; throws for an unknown name.
    public init(parsing line: String, lineNumber: Int = 1) throws(AccessContractError) {
        rawValue = 0
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            guard let flag = AccessFlag(name: String(word)) else {
                throw .unknownFlag(String(word), line: lineNumber)
            }
            insert(AccessFlagSet(flag))
        }
    }

    /// Number of flags in the vocabulary, so `0 ..< 1 << flagCount` is every set.
    public static let flagCount = AccessFlag.allCases.count
    /// Every flag at once.
    public static let all = AccessFlagSet(rawValue: (1 << UInt32(flagCount)) - 1)

    public func contains(_ flag: AccessFlag) -> Bool { rawValue >> UInt32(flag.rawValue) & 1 != 0 }

    /// The flags, in vocabulary order.
    public var flags: [AccessFlag] { AccessFlag.allCases.filter { contains($0) } }

    /// The names, space-separated, in vocabulary order (an input line for this set).
    public var description: String { flags.map(\.name).joined(separator: " ") }
}

/// What can be wrong with contract input.
public enum AccessContractError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A word that is not a flag of the contract, with its 1-based line number.
    case unknownFlag(String, line: Int)

    public var description: String {
        switch self {
        case .unknownFlag(let name, let line): "line \(line): unknown flag '\(name)'"
        }
    }
}
