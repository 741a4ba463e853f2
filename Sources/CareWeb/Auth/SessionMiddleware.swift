import CareCases
import CareCore
import Vapor

enum CookieName {
  static let session = "carecoop_session"
  static let csrf = "carecoop_csrf"

  /// With `Secure` cookies (production) the names take the `__Host-` prefix: a browser then keeps such a
  /// cookie only if it is Secure, for path `/` and no Domain, so a sibling subdomain cannot plant one.
  static func session(secure: Bool) -> String { secure ? "__Host-" + session : session }
  static func csrf(secure: Bool) -> String { secure ? "__Host-" + csrf : csrf }
}

extension Request {
  var cookieNames: (session: String, csrf: String) {
    let secure = care.config.secureCookies
    return (CookieName.session(secure: secure), CookieName.csrf(secure: secure))
  }
}

struct SignedInAccountKey: StorageKey { typealias Value = Account }
struct RequesterKey: StorageKey { typealias Value = Requester }
/// Whether the session's sign-in gave the second step.
struct SecondStepKey: StorageKey { typealias Value = Bool }

extension Request {
  /// The signed-in account, if any.
  var account: Account? { storage[SignedInAccountKey.self] }

  /// The signed-in account with the facts the access policy needs, loaded once a request; anonymous
  /// callers are refused.
  func actor() async throws -> Requester {
    if let loaded = storage[RequesterKey.self] { return loaded }
    guard let account else { throw Abort(.unauthorized) }
    let requester = try await cases.requester(for: account, secondStep: storage[SecondStepKey.self] ?? false)
    storage[RequesterKey.self] = requester
    return requester
  }

  /// What the menus and home sections may offer, as the policy says (nothing until `actor()` has run).
  var offers: Offers {
    storage[RequesterKey.self].map(Offers.init(for:)) ?? Offers()
  }

  func sessionCookie(_ value: String, expired: Bool = false) -> HTTPCookies.Value {
    HTTPCookies.Value(
      string: value, expires: expired ? Date(timeIntervalSince1970: 0) : nil, path: "/",
      isSecure: care.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
  }
}

/// Reads the session cookie (web) or bearer token (API) and attaches the account to the request.
struct SessionMiddleware: AsyncMiddleware {
  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    // The API takes bearer tokens only: a browser never sends one by itself, which is why the API
    // needs no CSRF token. Pages take the session cookie only.
    let isAPI = req.routeKind == .api
    let token = isAPI ? req.headers.bearerAuthorization?.token : req.cookies[req.cookieNames.session]?.string
    if let token, !token.isEmpty {
      // A cookie's session is no bearer token and a token's session no cookie: each only where it was made.
      if let session = try await req.cases.session(
        forToken: token, kind: isAPI ? .api : .web, idle: req.care.config.idleTimeout,
        lifetime: req.care.config.sessionLifetime)
      {
        req.storage[SignedInAccountKey.self] = session.account
        req.storage[SecondStepKey.self] = session.secondStep
      }
    }
    return try await next.respond(to: req)
  }
}

extension Request {
  /// Starts a new session for the account: a fresh token every time, and any session the browser
  /// already had is ended, so a planted session id is worthless after sign-in.
  func startSession(for account: Account, kind: SessionKind = .web, secondStep: Bool = false) async throws
    -> String
  {
    let token = try await cases.startSession(
      for: account, kind: kind, replacing: cookies[cookieNames.session]?.string, secondStep: secondStep)
    storage[SignedInAccountKey.self] = account
    storage[SecondStepKey.self] = secondStep
    return token
  }

  /// Ends the session (a sign-out line in the audit log for whoever was signed in).
  func endSession(detail: String? = nil) async throws {
    try await cases.signOut(
      token: headers.bearerAuthorization?.token ?? cookies[cookieNames.session]?.string, account: account,
      detail: detail)
    storage[SignedInAccountKey.self] = nil
  }
}
