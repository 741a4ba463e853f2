import CareCases
import CareCore
import Vapor

/// `carecoop demo`: fills an empty database with a believable co-op and prints how to sign in.
struct DemoCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Flag(name: "fresh", help: "Empty the database first (every migration reverted and run again).")
    var fresh: Bool
  }

  var help: String { "Creates a demo co-op: 2 circles, 12 people with teams, 20 workers." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    let store = app.care.store
    if signature.fresh {
      try await store.revertAll()
      try await store.migrate()
    }
    guard let (demo, password) = try await app.care.cases.seedDemo() else {
      context.console.error(
        "The database already holds a co-op. Run `carecoop demo --fresh` to replace it with the demo.")
      throw Abort(.conflict)
    }
    try await app.care.cases.seedDemoInvoices(demo)
    let hats = try await store.hats(coop: demo.coop.id)
    let today = CoopCalendar.london.day(of: Date())
    let finance = hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1
    context.console.print("Demo co-op ready: \(demo.coop.name). Every account below uses the password \(password)")
    let roles: [(String, Account)] =
      [
        ("administrator", demo.admin), ("person supported", demo.personAccount), ("arranger (mother)", demo.arranger),
        ("family", demo.family), ("worker in the team", demo.teamWorker), ("rota keeper", demo.rotaKeeper),
        ("worker, same circle", demo.sameCircleWorker), ("worker, other circle", demo.otherCircleWorker),
      ] + (finance.map { [("finance hat", $0)] } ?? [])
    for (role, account) in roles {
      context.console.print("  \(role.padding(toLength: 22, withPad: " ", startingAt: 0)) \(account.email ?? "")")
    }
  }
}
