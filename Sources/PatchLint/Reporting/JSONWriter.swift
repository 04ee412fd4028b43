/// A small JSON emitter with a fixed key order, so the machine contract's output is
/// byte-for-byte stable across runs and platforms.
struct JSONWriter {
    private(set) var output = ""

    enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    static func render(_ value: Value) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return writer.output
    }

    mutating func write(_ value: Value) {
        switch value {
        case .string(let s): writeString(s)
        case .int(let n): output += String(n)
        case .bool(let b): output += b ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            output += "["
            for (i, item) in items.enumerated() {
                if i > 0 { output += "," }
                write(item)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { output += "," }
                writeString(key)
                output += ":"
                write(item)
            }
            output += "}"
        }
    }

    mutating func writeString(_ s: String) {
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
