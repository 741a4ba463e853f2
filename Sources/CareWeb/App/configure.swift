import CareCore
import CareStore
import Vapor

/// The one wiring path, used by `main` and by every test.
public func configure(_ app: Application, config: AppConfig? = nil, env: CareCore.Environment = .live) async throws {
  let config = try config ?? AppConfig.decode(mode: mode(of: app.environment), ProcessInfo.processInfo.environment)
  let store = try Store(config.store, logger: app.logger)
  app.care = CareContext(
    store: store, config: config, env: env, mailer: LogMailer(logger: app.logger), throttle: SignInThrottle())
  app.lifecycle.use(StoreShutdown(store: store))

  let settings = try await store.checkSettings()
  app.logger.info(
    "database ready", metadata: ["engine": .string(config.store.engineName), "settings": .string("\(settings)")])
  if config.autoMigrate { try await store.migrate() }

  // Errors outermost so that every failure below, including CSRF, becomes a proper page or problem.
  app.middleware = .init()
  app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
  app.middleware.use(CareErrorMiddleware())
  app.middleware.use(FileMiddleware(publicDirectory: publicDirectory(), advancedETagComparison: true))
  app.middleware.use(SecurityHeadersMiddleware())
  app.middleware.use(SessionMiddleware())
  app.middleware.use(CSRFMiddleware())
  app.routes.defaultMaxBodySize = "256kb"

  app.asyncCommands.use(MigrateCommand(), as: "migrate")
  app.asyncCommands.use(DemoCommand(), as: "demo")
  try routes(app)
}

private func mode(of environment: Vapor.Environment) -> AppConfig.Mode {
  switch environment {
  case .production: .production
  case .testing: .testing
  default: .development
  }
}

private func publicDirectory() -> String {
  (Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")).appendingPathComponent("Public").path + "/"
}

private struct StoreShutdown: LifecycleHandler {
  let store: Store
  func shutdownAsync(_ application: Application) async {
    await store.shutdown()
  }
}

/// Headers that cost nothing and close common holes: no framing, no sniffing, no referrer leaks.
struct SecurityHeadersMiddleware: AsyncMiddleware {
  func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response = try await next.respond(to: req)
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    response.headers.replaceOrAdd(
      name: "Content-Security-Policy", value: "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
    return response
  }
}
