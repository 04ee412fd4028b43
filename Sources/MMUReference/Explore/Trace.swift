/// A trace: configuration, optional mutant, operations. Its text form is what the explorer
/// prints for a counterexample and what `model replay` reads:
///
///     # comment
///     config tdp=1 tdp-levels=4 host-max-level=2 direct-mmu=1 direct-mmu-writable=1 policy=refcounted paging=4 smm=1 nested=1 vcpus=2
///     mutant zap-without-tlb-flush
///     differential
///     add-memslot as=0 id=0 gfn=0x0 pages=0x400 hfn-offset=0x0 ro=0 log=0
///     access vcpu=0 page=0x10 w=1 u=0 x=0
///
/// One operation per line; fields are key=value, numbers decimal or 0x-hex.
public struct Trace: Sendable, Hashable {
    public var configuration: VMConfiguration
    public var mutant: Mutant?
    /// Run as a `DifferentialPair` (the configuration with TDP on, and its shadow twin).
    public var differential: Bool
    public var operations: [Operation]
    public init(configuration: VMConfiguration, mutant: Mutant? = nil, differential: Bool = false, operations: [Operation]) {
        self.configuration = configuration
        self.mutant = mutant
        self.differential = differential
        self.operations = operations
    }
}

public struct TraceParseError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

extension Trace {
    public var text: String {
        var out = "config " + Trace.format(configuration) + "\n"
        if let mutant { out += "mutant \(mutant.rawValue)\n" }
        if differential { out += "differential\n" }
        for op in operations { out += Trace.format(op) + "\n" }
        return out
    }

    static func b(_ v: Bool) -> String { v ? "1" : "0" }

    public static func format(_ c: VMConfiguration) -> String {
        "tdp=\(b(c.host.tdpEnabled)) tdp-levels=\(c.host.tdpLevels) host-max-level=\(c.host.maxHostPageLevel) "
            + "direct-mmu=\(b(c.parameters.directMMU.value)) direct-mmu-writable=\(b(c.parameters.directMMU.writableAtRuntime)) "
            + "policy=\(c.rootPolicy.rawValue) paging=\(c.guest.paging.rawValue) smm=\(b(c.guest.smm)) "
            + "nested=\(b(c.guest.nested)) vcpus=\(c.guest.vcpuCount)"
    }

    public static func format(_ op: Operation) -> String {
        switch op {
        case let .addMemslot(a, id, gfn, n, off, ro, log):
            return "add-memslot as=\(a) id=\(id) gfn=\(hex(gfn)) pages=\(hex(n)) hfn-offset=\(hex(off)) ro=\(b(ro)) log=\(b(log))"
        case let .deleteMemslot(a, id): return "delete-memslot as=\(a) id=\(id)"
        case let .moveMemslot(a, id, gfn): return "move-memslot as=\(a) id=\(id) gfn=\(hex(gfn))"
        case let .setDirtyLogging(a, id, on): return "dirty-log as=\(a) id=\(id) on=\(b(on))"
        case let .getDirtyLog(a, id): return "get-dirty-log as=\(a) id=\(id)"
        case let .writeGuestPTE(t, i, pte):
            guard let p = pte else { return "gpte table=\(hex(t)) index=\(i) clear" }
            return "gpte table=\(hex(t)) index=\(i) p=\(b(p.present)) w=\(b(p.writable)) u=\(b(p.user)) nx=\(b(p.noExecute)) "
                + "a=\(b(p.accessed)) d=\(b(p.dirty)) ps=\(b(p.pageSize)) frame=\(hex(p.frame))"
        case let .access(v, page, w, u, x): return "access vcpu=\(v) page=\(hex(page)) w=\(b(w)) u=\(b(u)) x=\(b(x))"
        case let .enterSMM(v): return "smm-enter vcpu=\(v)"
        case let .exitSMM(v): return "smm-exit vcpu=\(v)"
        case let .enterNested(v): return "nested-enter vcpu=\(v)"
        case let .exitNested(v): return "nested-exit vcpu=\(v)"
        case let .setCR3(v, gfn): return "cr3 vcpu=\(v) gfn=\(hex(gfn))"
        case let .setNestedCR3(v, gfn): return "nested-cr3 vcpu=\(v) gfn=\(hex(gfn))"
        case let .setCR0WP(v, on): return "cr0-wp vcpu=\(v) on=\(b(on))"
        case let .freeRoots(v, s): return "free-roots vcpu=\(v) slots=\(hex(UInt64(s)))"
        case let .zapGfnRange(gfn, n): return "zap gfn=\(hex(gfn)) pages=\(hex(n))"
        case .zapAll: return "zap-all"
        case let .writeDirectMMUParameter(v): return "param-direct-mmu value=\(b(v))"
        }
    }

    /// Parse the text form. Blank lines and `#` comments are ignored.
    public static func parse(_ text: String) throws -> Trace {
        var config: VMConfiguration?
        var mutant: Mutant?
        var differential = false
        var ops: [Operation] = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(separator: " ").map(String.init)
            guard let head = words.first else { continue }
            var fields: [String: String] = [:]
            var flags: Set<String> = []
            for w in words.dropFirst() {
                if let eq = w.firstIndex(of: "=") {
                    fields[String(w[..<eq])] = String(w[w.index(after: eq)...])
                } else {
                    flags.insert(w)
                }
            }
            func num(_ k: String) throws -> UInt64 {
                guard let s = fields[k] else { throw TraceParseError(line: lineNo, message: "missing \(k)=") }
                let v = s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16) : UInt64(s)
                guard let v else { throw TraceParseError(line: lineNo, message: "bad number \(k)=\(s)") }
                return v
            }
            func int(_ k: String) throws -> Int {
                let v = try num(k)
                // Every small-integer field (as, id, vcpu, index) is an index into something.
                let limit: UInt64 = k == "index" ? 511 : (k == "as" ? 1 : (k == "vcpu" ? 7 : 1 << 20))
                guard v <= limit else { throw TraceParseError(line: lineNo, message: "\(k)=\(v) out of range (max \(limit))") }
                return Int(v)
            }
            func flag(_ k: String) throws -> Bool { try num(k) != 0 }
            switch head {
            case "config":
                guard let policy = RootPolicy(rawValue: fields["policy"] ?? "refcounted"),
                      let paging = GuestPagingMode(rawValue: fields["paging"] ?? "4") else {
                    throw TraceParseError(line: lineNo, message: "bad policy= or paging=")
                }
                config = VMConfiguration(
                    host: HostConfiguration(tdpEnabled: try flag("tdp"), tdpLevels: try int("tdp-levels"),
                                            maxHostPageLevel: try int("host-max-level")),
                    parameters: ModuleParameters(directMMU: ModuleParameter(value: try flag("direct-mmu"),
                                                                            writableAtRuntime: try flag("direct-mmu-writable"))),
                    guest: GuestConfiguration(paging: paging, smm: try flag("smm"), nested: try flag("nested"),
                                              vcpuCount: try int("vcpus")),
                    rootPolicy: policy)
            case "mutant":
                guard words.count == 2, let m = Mutant(rawValue: words[1]) else {
                    throw TraceParseError(line: lineNo, message: "unknown mutant")
                }
                mutant = m
            case "differential":
                differential = true
            case "add-memslot":
                ops.append(.addMemslot(addressSpace: try int("as"), id: try int("id"), gfn: try num("gfn"), pages: try num("pages"),
                                       hfnOffset: try num("hfn-offset"), readOnly: try flag("ro"), dirtyLog: try flag("log")))
            case "delete-memslot": ops.append(.deleteMemslot(addressSpace: try int("as"), id: try int("id")))
            case "move-memslot": ops.append(.moveMemslot(addressSpace: try int("as"), id: try int("id"), gfn: try num("gfn")))
            case "dirty-log": ops.append(.setDirtyLogging(addressSpace: try int("as"), id: try int("id"), on: try flag("on")))
            case "get-dirty-log": ops.append(.getDirtyLog(addressSpace: try int("as"), id: try int("id")))
            case "gpte":
                if flags.contains("clear") {
                    ops.append(.writeGuestPTE(table: try num("table"), index: try int("index"), pte: nil))
                } else {
                    ops.append(.writeGuestPTE(table: try num("table"), index: try int("index"), pte: GuestPTE(
                        present: try flag("p"), writable: try flag("w"), user: try flag("u"), noExecute: try flag("nx"),
                        accessed: try flag("a"), dirty: try flag("d"), pageSize: try flag("ps"), frame: try num("frame"))))
                }
            case "access":
                ops.append(.access(vcpu: try int("vcpu"), page: try num("page"), write: try flag("w"), user: try flag("u"), fetch: try flag("x")))
            case "smm-enter": ops.append(.enterSMM(vcpu: try int("vcpu")))
            case "smm-exit": ops.append(.exitSMM(vcpu: try int("vcpu")))
            case "nested-enter": ops.append(.enterNested(vcpu: try int("vcpu")))
            case "nested-exit": ops.append(.exitNested(vcpu: try int("vcpu")))
            case "cr3": ops.append(.setCR3(vcpu: try int("vcpu"), gfn: try num("gfn")))
            case "nested-cr3": ops.append(.setNestedCR3(vcpu: try int("vcpu"), gfn: try num("gfn")))
            case "cr0-wp": ops.append(.setCR0WP(vcpu: try int("vcpu"), on: try flag("on")))
            case "free-roots": ops.append(.freeRoots(vcpu: try int("vcpu"), slots: UInt8(truncatingIfNeeded: try num("slots"))))
            case "zap": ops.append(.zapGfnRange(gfn: try num("gfn"), pages: try num("pages")))
            case "zap-all": ops.append(.zapAll)
            case "param-direct-mmu": ops.append(.writeDirectMMUParameter(try flag("value")))
            default:
                throw TraceParseError(line: lineNo, message: "unknown operation '\(head)'")
            }
        }
        guard let config else { throw TraceParseError(line: lineNo, message: "no config line") }
        guard (4...5).contains(config.host.tdpLevels), (1...3).contains(config.host.maxHostPageLevel),
              (1...8).contains(config.guest.vcpuCount) else {
            throw TraceParseError(line: 1, message: "config out of range (tdp-levels 4-5, host-max-level 1-3, vcpus 1-8)")
        }
        return Trace(configuration: config, mutant: mutant, differential: differential, operations: ops)
    }
}
