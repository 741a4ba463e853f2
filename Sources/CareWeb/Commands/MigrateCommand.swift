import Vapor

/// `carecoop migrate`: apply pending migrations (or `--revert` all of them) and stop.
struct MigrateCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Flag(name: "revert", help: "Undo every migration, newest first.")
    var revert: Bool
  }

  var help: String { "Brings the database schema up to date." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let store = context.application.care.store
    if signature.revert {
      try await store.revertAll()
      context.console.print("Reverted every migration.")
    } else {
      try await store.migrate()
      context.console.print("The database is up to date.")
    }
  }
}
