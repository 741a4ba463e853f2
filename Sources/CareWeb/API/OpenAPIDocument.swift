import Vapor

/// The API's description, served as written in `OpenAPI/openapi.json`.
enum OpenAPIDocument {
  static func serve(_ req: Request) async throws -> Response {
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI") else {
      throw Abort(.internalServerError, reason: "the OpenAPI document is missing from the build")
    }
    var headers = HTTPHeaders()
    headers.contentType = .json
    return Response(status: .ok, headers: headers, body: .init(data: try Data(contentsOf: url)))
  }
}
