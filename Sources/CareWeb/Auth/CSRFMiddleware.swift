import CareCore
import Vapor

struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
  /// The token to put in every form on this page.
  var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}

/// Double-submit protection for forms: the form's hidden `csrf_token` must equal the browser's
/// `carecoop_csrf` cookie (HttpOnly, SameSite=Strict), which another site can neither read nor send.
/// The JSON API is exempt: it takes bearer tokens only, which a browser never sends on its own.
struct CSRFMiddleware: AsyncMiddleware {
  /// The largest body any route takes (`routes.defaultMaxBodySize`): a bigger one is 413, not "expired".
  static let maxBody = 256 * 1024

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let existing = req.cookies[CookieName.csrf]?.string
    let isAPI = req.url.path.hasPrefix("/api/")
    if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > Self.maxBody {
      throw Abort(.payloadTooLarge, reason: "What you sent is too large")
    }
    // A request no route takes changes nothing: it goes on to its 404 or 405 without a token.
    if !isAPI && req.route != nil && ![.GET, .HEAD, .OPTIONS].contains(req.method) {
      let sent = try? req.content.get(String.self, at: "csrf_token")
      guard let existing, let sent, Tokens.constantTimeEqual(existing, sent) else {
        throw CSRFError()
      }
    }
    let token = existing ?? Tokens.random()
    req.storage[CSRFTokenKey.self] = token
    let response = try await next.respond(to: req)
    if existing == nil && !isAPI {
      response.cookies[CookieName.csrf] = HTTPCookies.Value(
        string: token, path: "/", isSecure: req.care.config.secureCookies, isHTTPOnly: true,
        sameSite: .strict)
    }
    return response
  }
}

/// A form sent without the right token: most often a page left open across a sign-out.
struct CSRFError: Error {}
