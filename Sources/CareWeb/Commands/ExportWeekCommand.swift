import CareCases
import CareCore
import CareRota
import Foundation
import Rota
import Vapor

/// `carecoop export-week`: a circle's week from the database as the rota engine's week file
/// (`*.week.json`, which `carecoop-rota week FILE` plans): people, workers, homes (as a travel matrix),
/// patterns, availability and consent exactly as the planner sees them. Ids are the database's; no names
/// or addresses leave in the file.
struct ExportWeekCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Option(name: "circle", help: "The circle's name (default: the co-op's first circle).")
    var circle: String?
    @Option(name: "week", help: "Any day of the week, YYYY-MM-DD (default: this week).")
    var week: String?
    @Option(name: "output", help: "The file to write (default: standard output).")
    var output: String?
  }

  var help: String { "Writes a circle's week from the database as the rota engine's week file." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let app = context.application
    let cases = app.care.cases
    let store = app.care.store
    guard let coop = try await cases.coops().first else { throw Abort(.notFound, reason: "No co-op yet: run demo") }
    let circles = try await store.circles(coop: coop.id)
    guard let circle = signature.circle.map({ name in circles.first { $0.name == name } }) ?? circles.first else {
      throw Abort(
        .notFound, reason: "No circle called that; there are: \(circles.map(\.name).joined(separator: ", "))")
    }
    let monday = try signature.week.map(weekHolding) ?? CoopCalendar.london.weekStart(of: cases.today)
    guard let facts = try await store.circleWeekFacts(circle.id, coop: coop.id, on: monday) else {
      throw Abort(.notFound)
    }
    let (week, notReady) = Cases.weekToPlan(facts, monday: monday)
    let data = try CoopWeekWriter.write(WeekPlanner().build(week).problem)
    if let path = signature.output {
      try data.write(to: URL(fileURLWithPath: path))
      context.console.print(
        "\(circle.name), week of \(monday.iso): \(week.people.count) people, \(week.workers.count) workers → \(path)")
    } else {
      context.console.print(String(decoding: data, as: UTF8.self))
    }
    for line in notReady { context.console.warning("left out: \(line)") }
  }
}
