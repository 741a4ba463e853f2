import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

/// A real app (the same `configure` as `main`) on a fresh SQLite file, or a fresh PostgreSQL database
/// copied from the migrated template, with a manual clock.
struct TestApp {
  let app: Application
  let clock: ManualEffects
  /// Every mail the app sent.
  let mail: RecordingMailer
  var store: Store { app.care.store }

  static func with(
    engine: Engine = .sqlite, secureCookies: Bool = false, chromium: String? = nil, databaseWaitSeconds: Int = 60,
    _ body: (TestApp) async throws -> Void
  ) async throws {
    let path = NSTemporaryDirectory() + "carecoop-web-\(UUID().uuidString).sqlite"
    let location: StoreLocation =
      switch engine {
      case .sqlite: .sqlite(path: path)
      case .postgres: .postgres(url: try await PostgresTemplate.shared.freshDatabaseURL())
      }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let clock = ManualEffects()
    do {
      var config = AppConfig(mode: .testing, store: location, secureCookies: secureCookies, bcryptCost: 4)
      config.filesPath = NSTemporaryDirectory() + "carecoop-files-\(UUID().uuidString)"
      config.chromiumPath = chromium
      config.databaseWaitSeconds = databaseWaitSeconds
      let mail = RecordingMailer()
      try await configure(app, config: config, effects: AppEffects(core: clock.env, mailer: mail))
      try await body(TestApp(app: app, clock: clock, mail: mail))
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
    try await app.asyncShutdown()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
  }

  /// Sends a request. Forms get a matching CSRF cookie and field unless `csrf` is false.
  func send(
    _ method: HTTPMethod, _ path: String, session: String? = nil, bearer: String? = nil,
    form: [String: String]? = nil, json: String? = nil, csrf: Bool = true, bytes: [UInt8]? = nil,
    headers: [String: String] = [:]
  ) async throws -> TestingHTTPResponse {
    let secure = app.care.config.secureCookies
    let token = CSRF.token(
      browser: "test-csrf", session: session, key: try await app.care.keys.csrfKey(app.care.cases))
    let response = try await app.testing().sendRequest(method, path) { req in
      var cookies: [String] = []
      if let session { cookies.append("\(CookieName.session(secure: secure))=\(session)") }
      if var form {
        if csrf {
          cookies.append("\(CookieName.csrf(secure: secure))=test-csrf")
          form["csrf_token"] = form["csrf_token"] ?? token
        }
        req.headers.contentType = .urlEncodedForm
        req.body = ByteBuffer(string: try URLEncodedFormEncoder().encode(form))
      }
      if let json {
        req.headers.contentType = .json
        req.body = ByteBuffer(string: json)
      }
      if let bytes {
        req.headers.contentType = .binary
        req.body = ByteBuffer(bytes: bytes)
        // A streamed form (an upload) carries its token in its body; the browser's cookie goes with it.
        if csrf && session != nil { cookies.append("\(CookieName.csrf(secure: secure))=test-csrf") }
      }
      for (name, value) in headers { req.headers.replaceOrAdd(name: name, value: value) }
      if let bearer { req.headers.bearerAuthorization = .init(token: bearer) }
      if !cookies.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: cookies.joined(separator: "; ")) }
    }
    // Every API answer a test receives must be what the document says that operation answers.
    if path.hasPrefix("/api/v1/") || path == "/api/v1" {
      for problem in ResponseSchema.problems(
        method: method.rawValue, path: path, status: Int(response.status.code),
        contentType: response.headers.first(name: .contentType), body: Data(buffer: response.body))
      {
        Issue.record("the answer is not as documented: \(problem)")
      }
    }
    return response
  }

  /// The form token for a session (with the test's CSRF cookie), for bodies the test writes itself.
  func csrfToken(session: String?) async throws -> String {
    CSRF.token(browser: "test-csrf", session: session, key: try await app.care.keys.csrfKey(app.care.cases))
  }

  /// A signed-in session for an account without going through bcrypt: returns its token.
  func session(for account: Account, kind: String = "web") async throws -> String {
    let token = Tokens.random()
    try await store.createSession(tokenHash: Tokens.hash(token), account: account.id, kind: kind, at: clock.env.now())
    return token
  }

  /// Seeds the demo co-op (password "demo password 1") and a second co-op with its own admin.
  func seedDemo() async throws -> (DemoCoop, Account) {
    let hash = try Bcrypt.hash(TestApp.demoPassword, cost: 4)
    let demo = try await store.seedDemo(passwordHash: hash, env: clock.env)
    let (_, otherAdmin) = try await store.setUpCoop(
      CoopSetup(
        coopName: "Elsewhere Co-op", registeredNumber: "RS9", address: "9 Far Rd", adminName: "Olu Other",
        adminEmail: "olu@elsewhere.example", password: TestApp.demoPassword),
      passwordHash: hash, env: clock.env)
    return (demo, otherAdmin)
  }

  static let demoPassword = "demo password 1"
}

extension TestingHTTPResponse {
  var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

  /// The value of a cookie the response sets, and the whole Set-Cookie line for its flags.
  func setCookie(_ name: String) -> (value: String, line: String)? {
    for line in headers[.setCookie] where line.hasPrefix("\(name)=") {
      let value = line.dropFirst(name.count + 1).prefix { $0 != ";" }
      return (String(value), line)
    }
    return nil
  }
}
