import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareWeb

/// The rota keeper's draft of the week, as a page, on both engines.
@Suite("Pages: the week's draft")
struct WeekDraftPageTests {
  @Test(arguments: Engine.allCases)
  func theRotaKeeperSeesWhoIsComingWhenAndBadWeeksAreExplained(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let keeper = try await t.session(for: demo.rotaKeeper)
      let circle = try #require(try await t.store.circles(coop: demo.coop.id).first { $0.name == "Hebden Bridge" })
      let circlePage = try await t.send(.GET, "/circles/\(circle.id)", session: keeper)
      #expect(circlePage.text.contains("href=\"/circles/\(circle.id)/week\""), "the circle page links the draft")
      let page = try await t.send(.GET, "/circles/\(circle.id)/week", session: keeper)
      #expect(page.status == .ok)
      #expect(page.text.contains("Every visit has a worker."))
      #expect(page.text.contains("Alan Whitworth"))
      #expect(page.text.contains("100 % of people see only the workers they chose"))
      // A week that does not start on a Monday, or is no date at all: the reason, not a crash.
      let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: t.clock.env.now()))
      let tuesday = try await t.send(
        .GET, "/circles/\(circle.id)/week?week=\(monday.adding(days: 1).iso)", session: keeper)
      #expect(tuesday.status == .unprocessableEntity)
      #expect(tuesday.text.contains("A week starts on a Monday"))
      let nonsense = try await t.send(.GET, "/circles/\(circle.id)/week?week=soon", session: keeper)
      #expect(nonsense.status == .unprocessableEntity)
      #expect(nonsense.text.contains("Give the week as a date"))
      let next = try await t.send(
        .GET, "/circles/\(circle.id)/week?week=\(monday.adding(days: 7).iso)", session: keeper)
      #expect(next.status == .ok)
    }
  }
}
