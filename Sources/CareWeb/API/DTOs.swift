import CareCore
import Vapor

/// The API's own shapes: what goes over the wire is decided here, not by the domain types. Each
/// capability's folder extends this namespace with its own (`Teams/TeamDTOs.swift`, …).
enum DTO {}

extension Request {
  /// The JSON body as `T`, refusing a member the document does not name (its schema says
  /// `additionalProperties: false`): a misspelt field is a mistake to report, not something to drop quietly.
  func decodeExactly<T: Decodable>(_ type: T.Type, fields: Set<String>) throws -> T {
    if let data = body.data, let object = try? JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any],
      let unknown = object.keys.filter({ !fields.contains($0) }).sorted().first
    {
      throw CareError.invalid(unknown, "“\(unknown)” is not a field of this request")
    }
    return try content.decode(type)
  }
}
