import Foundation
import Testing

@testable import CareWeb

/// Checks an API response against what the OpenAPI document says that operation answers with that status:
/// `TestApp.send` runs it on every `/api/v1` response any test receives, and records an issue for each
/// mismatch. A small JSON Schema reader: `$ref`, `type` (one or several), `properties`, `required`,
/// `additionalProperties: false`, `items`, `enum`, `format` (uuid, date, date-time), `minimum`, `maximum`,
/// `maxLength`, `pattern` — what the document uses.
enum ResponseSchema {
  nonisolated(unsafe) static let document: [String: Any] = {  // read only, after one initialisation
    guard case .success(let data) = OpenAPIDocument.assembled,
      let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return doc
  }()

  /// The problems with the body (empty when it matches, or when the document names no schema for it).
  static func problems(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
    guard let (template, operation) = operation(method: method.lowercased(), path: path) else {
      // An address or method the API does not have: the site's own 404 or 405, as a problem.
      guard [404, 405].contains(status), contentType?.hasPrefix("application/problem+json") == true,
        let value = try? JSONDecoder().decode(JSONValue.self, from: body)
      else { return ["\(method) \(path) is not in the document, and the answer is no 404/405 problem"] }
      var found: [String] = []
      check(value, against: ["$ref": "#/components/schemas/Problem"], at: "\(method) \(path) \(status) $", into: &found)
      return found
    }
    let responses = operation["responses"] as? [String: Any] ?? [:]
    let klass = "\(status / 100)XX"
    guard let response = (responses[String(status)] ?? responses[klass] ?? responses["default"]) as? [String: Any]
    else {
      // 401 / 404 / 405 / 413 / 429 are the site's own answers for any address; the 4XX entry covers them.
      return ["\(method) \(template): status \(status) is not documented"]
    }
    guard let content = response["content"] as? [String: Any] else {
      return body.isEmpty ? [] : ["\(method) \(template) \(status): a body where the document says none"]
    }
    let type = (contentType ?? "").split(separator: ";").first.map(String.init) ?? ""
    guard let media = content[type] as? [String: Any], let schema = media["schema"] else {
      return ["\(method) \(template) \(status): content type \(type) is not documented"]
    }
    if let binary = schema as? [String: Any], binary["format"] as? String == "binary" {
      return body.isEmpty ? ["\(method) \(template) \(status): no bytes where the document says a file"] : []
    }
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
      return ["\(method) \(template) \(status): the body is not JSON"]
    }
    var found: [String] = []
    check(value, against: schema, at: "\(method) \(template) \(status) $", into: &found)
    return found
  }

  static func operation(method: String, path: String) -> (String, [String: Any])? {
    let paths = document["paths"] as? [String: [String: Any]] ?? [:]
    let parts = path.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
    for (template, ops) in paths {
      let want = template.split(separator: "/")
      guard want.count == parts.count else { continue }
      let matches = zip(want, parts).allSatisfy { w, p in w.hasPrefix("{") || w == p }
      if matches, let op = ops[method] as? [String: Any] { return (template, op) }
    }
    return nil
  }

  static func resolve(_ schema: Any) -> [String: Any] {
    guard var s = schema as? [String: Any] else { return [:] }
    while let ref = s["$ref"] as? String {
      let name = String(ref.split(separator: "/").last ?? "")
      let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
      s = schemas?[name] as? [String: Any] ?? [:]
    }
    return s
  }

  static func check(_ value: JSONValue, against raw: Any, at path: String, into found: inout [String]) {
    let schema = resolve(raw)
    // A schema the reader cannot read is a finding too, not a pass: `required` a list of names, `type` a name or names.
    if let required = schema["required"], !(required is [String]) {
      found.append("\(path): the document's `required` is not a list of names")
    }
    if let type = schema["type"], !(type is String || type is [String]) {
      found.append("\(path): the document's `type` is not a name or a list of names")
    }
    let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
    let kind = value.kind
    if !types.isEmpty, !types.contains(kind), !(kind == "integer" && types.contains("number")) {
      found.append("\(path): \(kind) where the document says \(types.joined(separator: " or "))")
      return
    }
    if let options = schema["enum"] as? [Any], case .string(let text) = value,
      !options.contains(where: { ($0 as? String) == text })
    {
      found.append("\(path): \(text) is not one of \(options)")
    }
    switch value {
    case .object(let object):
      let properties = schema["properties"] as? [String: Any] ?? [:]
      for name in schema["required"] as? [String] ?? [] where object[name] == nil {
        found.append("\(path).\(name): missing, and the document says it is always there")
      }
      for (name, item) in object {
        if let property = properties[name] {
          check(item, against: property, at: "\(path).\(name)", into: &found)
        } else if schema["additionalProperties"] as? Bool == false {
          found.append("\(path).\(name): not in the document")
        }
      }
    case .array(let array):
      if let items = schema["items"] {
        for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", into: &found) }
      }
    case .string(let text):
      if let max = schema["maxLength"] as? Int, text.unicodeScalars.count > max {
        found.append("\(path): longer than \(max)")
      }
      switch schema["format"] as? String {
      case "uuid" where UUID(uuidString: text) == nil: found.append("\(path): \(text) is not a UUID")
      case "date" where text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil: found.append("\(path): \(text) is not a date")
      case "date-time" where (try? Date(text, strategy: .iso8601)) == nil:
        found.append("\(path): \(text) is not a date-time")
      default: break
      }
      if let pattern = schema["pattern"] as? String, let regex = try? NSRegularExpression(pattern: pattern),
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
      {
        found.append("\(path): does not match its pattern")
      }
    case .integer(let n):
      if let min = (schema["minimum"] as? NSNumber)?.doubleValue, Double(n) < min {
        found.append("\(path): below \(min)")
      }
      if let max = (schema["maximum"] as? NSNumber)?.doubleValue, Double(n) > max {
        found.append("\(path): above \(max)")
      }
    default: break
    }
  }
}

/// Any JSON value, read strictly (a JSON `true` is never the number 1).
enum JSONValue: Decodable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int.self) {
      self = .integer(i)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  var kind: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .integer: "integer"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}
