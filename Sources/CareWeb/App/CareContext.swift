import CareCore
import CareStore
import Vapor

/// What every request needs from the app: the store, the config and the injected effects.
struct CareContext: Sendable {
  let store: Store
  let config: AppConfig
  let env: CareCore.Effects
  let mailer: any Mailer
  let throttle: SignInThrottle
  let bcryptGate: WorkGate
  let jobs: BackgroundJobs
  var keys = ServerKeys()
  var logger: Logger { Logger(label: "carecoop") }
}

struct CareContextKey: StorageKey {
  typealias Value = CareContext
}

extension Application {
  var care: CareContext {
    get {
      guard let context = storage[CareContextKey.self] else {
        fatalError("configure(app) has not run")
      }
      return context
    }
    set { storage[CareContextKey.self] = newValue }
  }
}

extension Request {
  var care: CareContext { application.care }
  var store: Store { application.care.store }
  var clock: CareCore.Effects { application.care.env }
  /// The co-op's day now (Europe/London), not the UTC day.
  var today: Day { CoopCalendar.london.day(of: clock.now()) }
}
