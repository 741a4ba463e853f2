import CareCases
import CareStore
import Foundation

/// Everything the app reads from its environment, decoded once and checked at boot.
public struct AppConfig: Sendable {
  public enum Mode: String, Sendable { case development, testing, production }

  public var mode: Mode
  public var store: StoreLocation
  /// Run pending migrations when the server starts (`CARECOOP_AUTO_MIGRATE=false` to stop it).
  public var autoMigrate: Bool
  /// `Secure` on cookies: everywhere but development, where the site is plain http://127.0.0.1.
  public var secureCookies: Bool
  /// bcrypt cost: 12 (≈0.4 s a hash here) in production; tests lower it to stay fast.
  public var bcryptCost: Int
  /// A session unused for this long is ended.
  public var idleTimeout: TimeInterval
  /// The address people use to reach the site, for links in emails.
  public var publicURL: String
  /// A session ends this long after sign-in however busy it is (12 hours: one working day).
  public var sessionLifetime: TimeInterval = 12 * 3600
  /// Seconds the rota engine searches for a week's plan (`CARECOOP_PLAN_SECONDS`, 1 to 600). Tests search a
  /// fixed number of moves instead, so their plans are the same on any machine.
  public var planSeconds: Int = 10
  /// The mail server, when mail is really sent (`CARECOOP_SMTP_HOST` and friends); nil: mail goes to the log.
  var smtp: SMTPSettings? = nil
  /// The folder uploaded files are kept in (`CARECOOP_FILES`, default `./carecoop-files`).
  public var filesPath: String = "carecoop-files"
  /// Chromium, which prints invoices to PDF (`CARECOOP_CHROMIUM`: a path, or `off`; unset: found in the
  /// usual places). Nil: no PDFs; the pages say to use the browser's Print instead.
  public var chromiumPath: String? = nil
  /// How long a request may wait in line for a database connection before it fails
  /// (`CARECOOP_DB_WAIT_SECONDS`, 1 to 3600, default 60): a burst of writes queues rather than failing.
  public var databaseWaitSeconds: Int = 60

  public init(
    mode: Mode, store: StoreLocation, autoMigrate: Bool = true, secureCookies: Bool? = nil,
    bcryptCost: Int = 12, idleTimeout: TimeInterval = 30 * 60,
    publicURL: String = "http://127.0.0.1:8080"
  ) {
    self.mode = mode
    self.store = store
    self.autoMigrate = autoMigrate
    self.secureCookies = secureCookies ?? (mode == .production)
    self.bcryptCost = bcryptCost
    self.idleTimeout = idleTimeout
    self.publicURL = publicURL
  }

  public enum Problem: Error, CustomStringConvertible, Equatable {
    case invalid(String, String)
    public var description: String {
      switch self {
      case .invalid(let key, let why): "\(key): \(why)"
      }
    }
  }

  /// Reads `DATABASE_URL` (PostgreSQL), `CARECOOP_SQLITE_PATH` (default `./carecoop.sqlite`),
  /// `CARECOOP_AUTO_MIGRATE`, `CARECOOP_BCRYPT_COST`, `CARECOOP_IDLE_MINUTES`, `CARECOOP_PUBLIC_URL`,
  /// `CARECOOP_PLAN_SECONDS`, `CARECOOP_FILES`, `CARECOOP_CHROMIUM`, `CARECOOP_DB_WAIT_SECONDS`.
  public static func decode(mode: Mode, _ env: [String: String]) throws -> AppConfig {
    let store: StoreLocation
    if let url = env["DATABASE_URL"], !url.isEmpty {
      guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
        throw Problem.invalid("DATABASE_URL", "must start with postgres:// or postgresql://")
      }
      store = .postgres(url: url)
    } else {
      store = .sqlite(path: env["CARECOOP_SQLITE_PATH"] ?? "carecoop.sqlite")
    }
    let cost = try int(env, "CARECOOP_BCRYPT_COST", default: 12, range: 4...16)
    if mode == .production && cost < 10 {
      throw Problem.invalid("CARECOOP_BCRYPT_COST", "must be at least 10 in production")
    }
    let idle = try int(env, "CARECOOP_IDLE_MINUTES", default: 30, range: 1...24 * 60)
    let migrate = env["CARECOOP_AUTO_MIGRATE"].map { !["0", "false", "no"].contains($0.lowercased()) }
    let publicURL = try Self.publicURL(env["CARECOOP_PUBLIC_URL"] ?? "http://127.0.0.1:8080", mode: mode)
    var config = AppConfig(
      mode: mode, store: store, autoMigrate: migrate ?? true, bcryptCost: cost,
      idleTimeout: TimeInterval(idle * 60), publicURL: publicURL)
    config.planSeconds = try int(env, "CARECOOP_PLAN_SECONDS", default: 10, range: 1...600)
    config.databaseWaitSeconds = try int(env, "CARECOOP_DB_WAIT_SECONDS", default: 60, range: 1...3600)
    config.smtp = try smtp(env, mode: mode)
    if let files = env["CARECOOP_FILES"] {
      guard !files.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw Problem.invalid("CARECOOP_FILES", "must be a folder's path")
      }
      config.filesPath = files
    }
    config.chromiumPath = try chromium(env["CARECOOP_CHROMIUM"])
    return config
  }

  /// `CARECOOP_SMTP_HOST` (unset: no mail server), `CARECOOP_SMTP_PORT` (587), `CARECOOP_SMTP_SECURITY`
  /// (`starttls`, `tls` or `none`; `none` only to this machine), `CARECOOP_SMTP_USERNAME` and
  /// `CARECOOP_SMTP_PASSWORD` (both or neither), `CARECOOP_MAIL_FROM` (required), `CARECOOP_SMTP_CA_FILE`.
  static func smtp(_ env: [String: String], mode: Mode) throws -> SMTPSettings? {
    guard let host = env["CARECOOP_SMTP_HOST"], !host.isEmpty else { return nil }
    let securityText = env["CARECOOP_SMTP_SECURITY"] ?? "starttls"
    guard let security = SMTPSettings.Security(rawValue: securityText.lowercased()) else {
      throw Problem.invalid("CARECOOP_SMTP_SECURITY", "must be starttls, tls or none")
    }
    if security == .none && !["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) {
      throw Problem.invalid("CARECOOP_SMTP_SECURITY", "none is only for a mail server on this machine")
    }
    let port = try int(env, "CARECOOP_SMTP_PORT", default: security == .tls ? 465 : 587, range: 1...65535)
    let user = env["CARECOOP_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
    let password = env["CARECOOP_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    guard (user == nil) == (password == nil) else {
      throw Problem.invalid(
        "CARECOOP_SMTP_PASSWORD", "give both CARECOOP_SMTP_USERNAME and CARECOOP_SMTP_PASSWORD, or neither")
    }
    guard let from = env["CARECOOP_MAIL_FROM"], SMTPMailer.isPlainAddress(from) else {
      throw Problem.invalid("CARECOOP_MAIL_FROM", "must be the sender's address, like care@example.org")
    }
    let caFile = env["CARECOOP_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
      throw Problem.invalid("CARECOOP_SMTP_CA_FILE", "cannot be read")
    }
    return SMTPSettings(
      host: host, port: port, security: security, username: user, password: password, from: from, caFile: caFile)
  }

  /// `CARECOOP_CHROMIUM`: unset or empty, Chromium where it is usually installed (none: no PDFs); `off`,
  /// no PDFs; a path, which must be a program.
  static func chromium(_ text: String?) throws -> String? {
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return ChromiumPrinter.installed() }
    if text.lowercased() == "off" { return nil }
    guard FileManager.default.isExecutableFile(atPath: text) else {
      throw Problem.invalid("CARECOOP_CHROMIUM", "must be the path of Chromium (or Chrome), or off")
    }
    return text
  }

  /// How the rota engine's search is bounded: by time, or (tests) by a fixed number of moves.
  var weekSearch: WeekSearch {
    mode == .testing
      ? WeekSearch(seed: 1, seconds: Double(planSeconds), iterations: 20_000)
      : WeekSearch(seed: 1, seconds: Double(planSeconds))
  }

  /// The address put in mailed links: http(s), a host, no path, query or fragment; https in production,
  /// where a link sent by mail must not travel in the clear.
  static func publicURL(_ text: String, mode: Mode) throws -> String {
    let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
    guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(),
      ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty, url.path.isEmpty, url.query == nil,
      url.fragment == nil, url.user == nil
    else {
      throw Problem.invalid("CARECOOP_PUBLIC_URL", "must be like https://care.example.org (scheme and host only)")
    }
    if mode == .production && scheme != "https" {
      throw Problem.invalid("CARECOOP_PUBLIC_URL", "must start with https:// in production")
    }
    return trimmed
  }

  private static func int(_ env: [String: String], _ key: String, default value: Int, range: ClosedRange<Int>)
    throws -> Int
  {
    guard let text = env[key] else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw Problem.invalid(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }
}

/// One line saying why the program could not start: the setting's name for a bad setting.
public func startupFailure(_ error: any Error) -> String {
  switch error {
  case let problem as AppConfig.Problem: "bad setting \(problem.description)"
  default: String(describing: error).split(separator: "\n").first.map(String.init) ?? "could not start"
  }
}
