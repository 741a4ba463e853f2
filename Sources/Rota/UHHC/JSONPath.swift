import Foundation

/// A value inside a parsed JSON document that knows where it is, so a reader's error can say
/// `patients[3].time_windows[0].end: expected a whole number` instead of crashing or saying "bad data".
struct JSONPath {
  /// A JSON value as it was written: true/false stay apart from numbers.
  enum Value: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([Value])
    case object([String: Value])

    init(from decoder: Decoder) throws {
      let single = try decoder.singleValueContainer()
      if single.decodeNil() {
        self = .null
      } else if let b = try? single.decode(Bool.self) {
        self = .bool(b)
      } else if let n = try? single.decode(Double.self) {
        self = .number(n)
      } else if let t = try? single.decode(String.self) {
        self = .text(t)
      } else if let l = try? single.decode([Value].self) {
        self = .list(l)
      } else {
        self = .object(try single.decode([String: Value].self))
      }
    }
  }

  let raw: Value
  let path: String
  let file: String

  static func root(_ data: Data, file: String) throws -> JSONPath {
    do {
      return JSONPath(raw: try JSONDecoder().decode(Value.self, from: data), path: "", file: file)
    } catch {
      throw InstanceError(file: file, location: "document", message: "not valid JSON")
    }
  }

  var isList: Bool { if case .list = raw { true } else { false } }
  var text: String? { if case .text(let t) = raw { t } else { nil } }

  func error(_ message: String) -> InstanceError {
    InstanceError(file: file, location: path.isEmpty ? "document" : path, message: message)
  }

  func optional(_ key: String) -> JSONPath? {
    guard case .object(let object) = raw, let value = object[key] else { return nil }
    if case .null = value { return nil }
    return JSONPath(raw: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
  }

  subscript(key: String) -> JSONPath {
    get throws {
      guard case .object = raw else { throw error("expected an object") }
      guard let value = optional(key) else {
        throw InstanceError(file: file, location: path.isEmpty ? key : "\(path).\(key)", message: "missing")
      }
      return value
    }
  }

  subscript(index: Int) -> JSONPath {
    get throws {
      let items = try array()
      guard items.indices.contains(index) else { throw error("expected at least \(index + 1) items") }
      return items[index]
    }
  }

  func array() throws -> [JSONPath] {
    guard case .list(let items) = raw else { throw error("expected a list") }
    return items.enumerated().map { JSONPath(raw: $1, path: "\(path)[\($0)]", file: file) }
  }

  func string() throws -> String {
    guard case .text(let text) = raw, !text.isEmpty else { throw error("expected some text") }
    return text
  }

  func int() throws -> Int {
    guard case .number(let value) = raw else { throw error("expected a number") }
    guard value.isFinite, value == value.rounded(), abs(value) < 1e12 else { throw error("expected whole minutes") }
    return Int(value)
  }

  func bool() throws -> Bool {
    guard case .bool(let value) = raw else { throw error("expected true or false") }
    return value
  }
}
