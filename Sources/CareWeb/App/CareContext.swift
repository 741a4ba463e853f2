import CareCases
import CareCore
import CareStore
import Vapor

/// What every request needs from the app: the use cases, the config and the injected effects. The store
/// itself is here for the wiring only (`configure`, the operator commands); handlers go through `cases`.
struct CareContext: Sendable {
  let store: Store
  let config: AppConfig
  let env: CareCore.Effects
  let mailer: any Mailer
  let bcryptGate: WorkGate
  /// Makes PDFs of printable pages (invoices).
  let printer: any PDFPrinter
  let jobs: JobWorker
  let cases: Cases
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
  /// Every command and page model: the access decision, the store work and the audit in one call.
  var cases: Cases { application.care.cases }
}
