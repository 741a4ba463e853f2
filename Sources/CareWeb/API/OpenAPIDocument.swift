import Foundation
import Vapor

/// The API's description, assembled from `API/base.openapi.json` (info, security, the problem shape) and
/// each capability's fragment (`Teams/teams.openapi.json`, …: its paths and its request schemas), named by
/// `WebCapability.openAPI`. Served at `/api/openapi.json`.
enum OpenAPIDocument {
  struct Clash: Error, CustomStringConvertible {
    let description: String
  }

  /// The document, made once.
  static let assembled: Result<Data, any Error> = Result {
    var fragments: [(name: String, data: Data)] = []
    for capability in WebCapabilities.all {
      if let name = capability.openAPI { fragments.append((name, try resource(name))) }
    }
    return try assemble(base: try resource("base"), fragments: fragments)
  }

  static func serve(_ req: Request) async throws -> Response {
    var headers = HTTPHeaders()
    headers.contentType = .json
    return Response(status: .ok, headers: headers, body: .init(data: try assembled.get()))
  }

  static func resource(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: "openapi.json") else {
      throw Clash(description: "\(name).openapi.json is missing from the build")
    }
    return try Data(contentsOf: url)
  }

  /// Merges the fragments' paths and schemas into the base; a path or schema named twice is an error
  /// (two capabilities claiming one address).
  static func assemble(base: Data, fragments: [(name: String, data: Data)]) throws -> Data {
    guard var document = try JSONSerialization.jsonObject(with: base) as? [String: Any] else {
      throw Clash(description: "base.openapi.json is not an object")
    }
    var paths = document["paths"] as? [String: Any] ?? [:]
    var components = document["components"] as? [String: Any] ?? [:]
    var schemas = components["schemas"] as? [String: Any] ?? [:]
    for (name, data) in fragments {
      guard let fragment = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw Clash(description: "\(name).openapi.json is not an object")
      }
      for (path, item) in fragment["paths"] as? [String: Any] ?? [:] {
        guard paths[path] == nil else { throw Clash(description: "\(path) is described twice (again in \(name))") }
        paths[path] = item
      }
      let fragmentSchemas = (fragment["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
      for (schema, body) in fragmentSchemas {
        guard schemas[schema] == nil else {
          throw Clash(description: "schema \(schema) is defined twice (again in \(name))")
        }
        schemas[schema] = body
      }
    }
    components["schemas"] = schemas
    document["paths"] = paths
    document["components"] = components
    return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
  }
}
