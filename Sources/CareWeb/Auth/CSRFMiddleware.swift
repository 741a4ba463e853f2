import CareCases
import CareCore
import Vapor

struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
  /// The token to put in every form on this page.
  var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}

/// The token a form must carry: an HMAC, under the server's own key, of the browser's random
/// `carecoop_csrf` cookie and of its session cookie. Someone who can plant a cookie still cannot make a
/// matching token (they lack the key), and a token from before a sign-in does not work after it.
enum CSRF {
  static func token(browser: String, session: String?, key: SymmetricKey) -> String {
    let message = Data((browser + "|" + (session.map(Tokens.hash) ?? "")).utf8)
    let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
    return Data(mac).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}

/// The server's CSRF key: made at first use and kept in the database (`server_secrets`), so a restart or
/// a second instance accepts the forms the first one served. Never a default.
actor ServerKeys {
  private var csrf: SymmetricKey?

  func csrfKey(_ cases: Cases) async throws -> SymmetricKey {
    if let csrf { return csrf }
    let secret = try await cases.secret(named: "csrf-hmac-key")
    let key = SymmetricKey(data: Data(secret.utf8))
    csrf = key
    return key
  }
}

/// Every form POST must carry the token for this browser and session. The JSON API is exempt: it takes
/// bearer tokens only, which a browser never sends on its own.
struct CSRFMiddleware: AsyncMiddleware {
  /// The largest body any route takes (`routes.defaultMaxBodySize`): a bigger one is 413, not "expired".
  static let maxBody = 256 * 1024

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > req.bodyLimit {
      throw Abort(.payloadTooLarge, reason: "What you sent is too large")
    }
    if req.routeKind == .api { return try await next.respond(to: req) }
    let names = req.cookieNames
    let browser = req.cookies[names.csrf]?.string
    let session = req.cookies[names.session]?.string
    let key = try await req.care.keys.csrfKey(req.cases)
    // A request no route takes changes nothing: it goes on to its 404 or 405 without a token.
    if req.route != nil && ![.GET, .HEAD, .OPTIONS].contains(req.method) {
      guard let browser else { throw CSRFError() }
      let expected = CSRF.token(browser: browser, session: session, key: key)
      if req.route?.userInfo[StreamedBody.key] != nil {
        // A streamed form (an upload) is not read here: its token comes first in the body, and the handler
        // checks it (`checkStreamedCSRF`) before a byte of the file is kept.
        req.storage[StreamedCSRFKey.self] = expected
      } else {
        let sent = try? req.content.get(String.self, at: "csrf_token")
        guard let sent, Tokens.constantTimeEqual(expected, sent) else { throw CSRFError() }
      }
    }
    let cookie = browser ?? Tokens.random()
    req.storage[CSRFTokenKey.self] = CSRF.token(browser: cookie, session: session, key: key)
    let response = try await next.respond(to: req)
    if browser == nil {
      response.cookies[names.csrf] = HTTPCookies.Value(
        string: cookie, path: "/", isSecure: req.care.config.secureCookies, isHTTPOnly: true,
        sameSite: .strict)
    }
    return response
  }
}

/// A form sent without the right token: most often a page left open across a sign-out.
struct CSRFError: Error {}

struct StreamedCSRFKey: StorageKey { typealias Value = String }

extension Request {
  /// For a streamed form: the token it sent (its first field) must be the one this browser and session
  /// should send.
  func checkStreamedCSRF(_ sent: String?) throws {
    guard let expected = storage[StreamedCSRFKey.self], let sent, Tokens.constantTimeEqual(expected, sent) else {
      throw CSRFError()
    }
  }
}
