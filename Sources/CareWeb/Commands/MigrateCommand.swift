import Vapor

/// `carecoop migrate`: apply pending migrations (or `--revert` all of them) and stop.
struct MigrateCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Flag(name: "revert", help: "Undo every migration, newest first: this deletes every row, the audit log too.")
    var revert: Bool

    @Option(
      name: "confirm", help: "With --revert: the co-op data's engine name (sqlite or postgres), to show you mean it.")
    var confirm: String?
  }

  var help: String { "Brings the database schema up to date." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let store = context.application.care.store
    if signature.revert {
      // Reverting drops the audit log, which nothing else may delete: it takes a typed confirmation.
      guard signature.confirm == store.location.engineName else {
        throw MigrateRefusal(engine: store.location.engineName)
      }
      try await store.revertAll()
      context.console.print("Reverted every migration.")
    } else {
      try await store.migrate()
      context.console.print("The database is up to date.")
    }
  }
}

struct MigrateRefusal: Error, CustomStringConvertible {
  let engine: String
  var description: String {
    "migrate --revert deletes every row, the audit log included; to do it, add --confirm \(engine)"
  }
}
