import CareCases
import CareCore
import CareStore
import Vapor

/// What the app does to the world, given to `configure` as one value so a test passes fakes: the clock and
/// ids (CareCore's `Effects`) and the mailer. Work after an answer is queued in the database (`jobs`): a
/// worker runs it every second, except in tests, which run it when they choose (`care.jobs.drain()`).
public struct AppEffects: Sendable {
  public var core: CareCore.Effects
  /// Nil: mail goes to the log (bodies withheld in production, where they hold secret links).
  var mailer: (any Mailer)?
  /// Nil: files go to the configured folder (`AppConfig.filesPath`).
  var files: (any FileStorage)?
  /// Nil: Chromium at `AppConfig.chromiumPath` prints PDFs, or none is made when there is none.
  var printer: (any PDFPrinter)?

  public init(core: CareCore.Effects = .live) {
    self.core = core
  }

  init(core: CareCore.Effects, mailer: any Mailer) {
    self.core = core
    self.mailer = mailer
  }

  public static let live = AppEffects()
}

/// The one wiring path, used by `main` and by every test.
public func configure(_ app: Application, config: AppConfig? = nil, effects: AppEffects = .live) async throws {
  let config = try config ?? AppConfig.decode(mode: mode(of: app.environment), ProcessInfo.processInfo.environment)
  let store = try Store(config.store, logger: app.logger, poolWait: .seconds(Int64(config.databaseWaitSeconds)))
  let mailer: any Mailer =
    effects.mailer
    ?? config.smtp.map { SMTPMailer(settings: $0, group: app.eventLoopGroup, logger: app.logger) }
    ?? LogMailer(logger: app.logger, withholdsBodies: config.mode == .production)
  let gate = WorkGate(slots: max(2, System.coreCount), queue: 64)
  let publicURL = config.publicURL
  let links = Links(
    passwordLink: { publicURL + SiteURL.resetPassword(token: $0).path },
    teamLink: { publicURL + SiteURL.team(.value($0)).path },
    emailConfirmLink: { publicURL + SiteURL.confirmEmail(token: $0).path },
    personWeekPath: { SiteURL.teamWeek(.value($0), week: $1).path }, myWeekPath: { SiteURL.myWeek(week: $0).path },
    siteLink: { publicURL + $0 }, coverPath: { SiteURL.myCover.path },
    patternPath: { SiteURL.teamPattern(.value($0)).path },
    medicinesPath: { SiteURL.teamMedicines(.value($0)).path },
    recordPath: { SiteURL.visitRecord(.value($0)).path }, mediaPath: { SiteURL.teamMedia(.value($0)).path },
    planPath: { SiteURL.teamPlan(.value($0)).path }, proposalPath: { SiteURL.proposal(.value($0)).path },
    concernPath: { $0.map { SiteURL.concern(.value($0)).path } ?? SiteURL.concerns.path },
    teamSayPath: { SiteURL.teamSay(.value($0)).path }, hatPath: { SiteURL.hat(.value($0)).path },
    meetingPath: { SiteURL.meeting(.value($0)).path })
  let cases = Cases(
    store: store, effects: effects.core,
    passwords: BcryptPasswords(cost: config.bcryptCost, gate: gate, pool: app.threadPool), mailer: mailer,
    links: links, files: try effects.files ?? DiskFileStorage(root: URL(fileURLWithPath: config.filesPath)),
    weekSearch: config.weekSearch)
  // API answers are written straight to bytes (see `DirectJSONEncoder`); the same JSON, less work.
  ContentConfiguration.global.use(encoder: DirectJSONEncoder(), for: .json)
  app.care = CareContext(
    store: store, config: config, env: effects.core, mailer: mailer, bcryptGate: gate,
    printer: effects.printer ?? config.chromiumPath.map { ChromiumPrinter(path: $0) } ?? NoPrinter(),
    jobs: JobWorker(cases: cases, name: "carecoop-\(ProcessInfo.processInfo.processIdentifier)", logger: app.logger),
    cases: cases)
  app.lifecycle.use(StoreShutdown(store: store, runsJobs: config.mode != .testing))

  let settings = try await store.checkSettings()
  app.logger.info(
    "database ready", metadata: ["engine": .string(config.store.engineName), "settings": .string("\(settings)")])
  if config.autoMigrate { try await store.migrate() }
  app.logger.info(
    "printing",
    metadata: ["pdf": .string(config.chromiumPath.map { "with \($0)" } ?? "off: no Chromium (CARECOOP_CHROMIUM)")])

  // Security headers outermost, so error pages, redirects and static files carry them too; then errors,
  // so every failure below, including CSRF, becomes a proper page or problem.
  app.middleware = .init()
  app.middleware.use(SecurityHeadersMiddleware())
  // One line a request at debug: production (info) keeps its logs for what goes wrong.
  app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
  app.middleware.use(CareErrorMiddleware())
  app.middleware.use(StaticFilesMiddleware())
  app.middleware.use(SessionMiddleware())
  app.middleware.use(CSRFMiddleware())
  app.routes.defaultMaxBodySize = ByteCount(value: CSRFMiddleware.maxBody)

  app.asyncCommands.use(MigrateCommand(), as: "migrate")
  app.asyncCommands.use(DemoCommand(), as: "demo")
  app.asyncCommands.use(CoopCommand(), as: "coop")
  app.asyncCommands.use(BenchWeekCommand(), as: "bench-week")
  app.asyncCommands.use(ExportWeekCommand(), as: "export-week")
  try routes(app)
}

private func mode(of environment: Vapor.Environment) -> AppConfig.Mode {
  switch environment {
  case .production: .production
  case .testing: .testing
  default: .development
  }
}

/// Starts the job worker once the app is up (not in tests), and stops it and the store on the way down.
private struct StoreShutdown: LifecycleHandler {
  let store: Store
  let runsJobs: Bool

  func didBootAsync(_ application: Application) async throws {
    guard runsJobs else { return }
    do {
      try await application.care.cases.scheduleRepeatingJobs()
    } catch {
      application.logger.warning("the repeating jobs could not be queued (is the database migrated?): \(error)")
    }
    await application.care.jobs.start()
  }

  func shutdownAsync(_ application: Application) async {
    await application.care.jobs.stop()
    await store.shutdown()
  }
}

/// Headers that cost nothing and close common holes: no framing, no sniffing, no referrer leaks, no
/// `<base>` or plugin content even if markup ever got in. On every response, errors included.
struct SecurityHeadersMiddleware: AsyncMiddleware {
  static let contentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'"

  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response: Response
    do {
      response = try await next.respond(to: req)
    } catch {
      // Only an error the error middleware could not turn into a page reaches here.
      response = Response(status: .internalServerError)
    }
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
    return response
  }
}

/// The stylesheet and script under `/static/`, answered from memory: both are read once at start (they
/// ship inside the app and never change while it runs), so a request costs no file system call. The
/// ETag is the content's hash, so a browser's `If-None-Match` gets a 304. Any other name under `/static/`
/// is "not found".
struct StaticFilesMiddleware: AsyncMiddleware {
  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let path = req.url.path
    guard path.hasPrefix("/static/"), req.method == .GET || req.method == .HEAD else {
      return try await next.respond(to: req)
    }
    guard let file = StaticAsset.files[path] else { throw CareError.notFound }
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .eTag, value: file.etag)
    // Pages link to `?v=<hash of the file>` (`StaticAsset`): that address never changes its content, so
    // browsers keep it a year; any other address is checked again each time (a cheap 304).
    let fingerprinted = req.url.query.map { StaticAsset.isCurrent(path: path, query: $0) } ?? false
    headers.replaceOrAdd(
      name: .cacheControl, value: fingerprinted ? "public, max-age=31536000, immutable" : "no-cache")
    // The service worker looks after the worker's pages across the site, not only under /static/.
    if path == "/static/sw.js" { headers.replaceOrAdd(name: "Service-Worker-Allowed", value: "/") }
    // If-None-Match compares weakly (RFC 9110 §13.1.2): `W/"x"` matches `"x"`.
    if let asked = req.headers.first(name: .ifNoneMatch),
      asked.trimmingCharacters(in: .whitespaces) == "*"
        || asked.split(separator: ",").contains(where: {
          let tag = $0.trimmingCharacters(in: .whitespaces)
          return (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == file.etag
        })
    {
      return Response(status: .notModified, headers: headers)
    }
    headers.contentType = file.contentType
    return Response(status: .ok, headers: headers, body: .init(buffer: file.body))
  }
}

/// The stylesheet and script, linked with a fingerprint of their content (`/static/style.css?v=…`), so a
/// browser may keep them for a year and still gets a new file the moment it changes.
enum StaticAsset {
  struct File: Sendable {
    let body: ByteBuffer
    let contentType: HTTPMediaType
    /// The first 6 bytes of the content's SHA-256, in hex.
    let version: String
    var etag: String { "\"\(version)\"" }
  }

  /// The stylesheet's text, for pages printed standing alone (`Layout.renderForPrint`).
  static var stylesheetText: String {
    files["/static/style.css"].map { String(buffer: $0.body) } ?? ""
  }

  static let files: [String: File] = {
    var found: [String: File] = [:]
    for (name, type) in [
      ("style.css", HTTPMediaType.css),
      ("app.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
      ("sw.js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
      ("manifest.webmanifest", HTTPMediaType(type: "application", subType: "manifest+json")),
      ("icon.svg", HTTPMediaType(type: "image", subType: "svg+xml")),
    ] {
      let url = (Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")).appendingPathComponent("Public/static/\(name)")
      if let data = try? Data(contentsOf: url) {
        found["/static/\(name)"] = File(
          body: ByteBuffer(bytes: data), contentType: type,
          version: Tokens.hex(SHA256.hash(data: data).prefix(6)))
      }
    }
    return found
  }()

  static func version(of path: String) -> String? { files[path]?.version }

  static func isCurrent(path: String, query: String) -> Bool {
    guard let version = files[path]?.version else { return false }
    return query == "v=\(version)"
  }
}
