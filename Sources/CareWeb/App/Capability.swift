import CareCases
import CareCore
import Vapor

/// One capability's routes: its pages (registered from `SiteURL`, so links and routes cannot drift
/// apart) and its part of the JSON API under `/api/v1`. `routes(_:)` registers every capability in
/// `WebCapabilities.all`; adding a capability is a folder plus one line there.
protocol WebCapability: Sendable {
  static func pages(_ routes: PageRoutes)
  static func api(_ routes: APIRoutes)
  /// The name of its OpenAPI fragment (`<name>.openapi.json` in its folder, declared in Package.swift), if
  /// it has API routes.
  static var openAPI: String? { get }
}

extension WebCapability {
  static var openAPI: String? { nil }
}

/// Pages or the JSON API: set on each route where it is registered, and read by the middleware that
/// differ between them (which session credential counts, whether forms need a CSRF token, how errors are
/// answered), so none of them guesses from the address.
enum RouteKind: String, Sendable, Hashable {
  case page, api
}

extension Request {
  /// The kind of the route this request matched. An address no route takes has no kind of its own; it is
  /// answered as the API if under `/api/` (for its problem JSON), else as a page.
  var routeKind: RouteKind {
    if let kind = route?.userInfo[RouteKind.key] as? RouteKind { return kind }
    return url.path.hasPrefix("/api/") ? .api : .page
  }
}

extension RouteKind {
  static let key = AnySendableHashable("carecoop.routeKind")
}

/// Set on a route whose body streams (an upload): the most bytes it takes, in place of the usual limit.
enum StreamedBody {
  static let key = AnySendableHashable("carecoop.streamedBodyLimit")
}

extension Request {
  /// The most bytes this request's body may have: a streaming route's own limit, or `CSRFMiddleware.maxBody`.
  var bodyLimit: Int { route?.userInfo[StreamedBody.key] as? Int ?? CSRFMiddleware.maxBody }
}

/// Registers pages by their typed address.
struct PageRoutes {
  let app: Application

  func get(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.get(url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.page
  }

  func post(_ url: SiteURL, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    app.post(url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.page
  }

  /// A form POST whose body is read as it arrives (an upload), up to `limit` bytes; its CSRF token is
  /// checked by the handler (`checkStreamedCSRF`).
  func postStream(_ url: SiteURL, limit: Int, _ handler: @escaping @Sendable (Request) async throws -> Response) {
    let route = app.on(.POST, url.pattern, body: .stream, use: handler)
    route.userInfo[RouteKind.key] = RouteKind.page
    route.userInfo[StreamedBody.key] = limit
  }
}

/// Registers the JSON API's routes by their typed address (`SiteURL.API`).
struct APIRoutes {
  let app: Application

  func get<R: AsyncResponseEncodable>(_ url: SiteURL.API, _ handler: @escaping @Sendable (Request) async throws -> R) {
    app.on(.GET, url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.api
  }

  func post<R: AsyncResponseEncodable>(_ url: SiteURL.API, _ handler: @escaping @Sendable (Request) async throws -> R) {
    app.on(.POST, url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.api
  }

  /// A POST whose body is read as it arrives (an upload), up to `limit` bytes, instead of collected first.
  func postStream<R: AsyncResponseEncodable>(
    _ url: SiteURL.API, limit: Int, _ handler: @escaping @Sendable (Request) async throws -> R
  ) {
    let route = app.on(.POST, url.pattern, body: .stream, use: handler)
    route.userInfo[RouteKind.key] = RouteKind.api
    route.userInfo[StreamedBody.key] = limit
  }

  func put<R: AsyncResponseEncodable>(_ url: SiteURL.API, _ handler: @escaping @Sendable (Request) async throws -> R) {
    app.on(.PUT, url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.api
  }

  func delete<R: AsyncResponseEncodable>(
    _ url: SiteURL.API, _ handler: @escaping @Sendable (Request) async throws -> R
  ) {
    app.on(.DELETE, url.pattern, use: handler).userInfo[RouteKind.key] = RouteKind.api
  }
}
