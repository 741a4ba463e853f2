import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// How the co-op is doing through the real server, on both engines: linked from every home page; this week's
/// published visit counted in the table (one person, one worker, from their team); the plan reviews' standing;
/// no names anywhere on it.
@Suite("Pages: how the co-op is doing")
struct QualityPagesTests {
  @Test(arguments: Engine.allCases)
  func theFiguresShowWithoutNames(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      _ = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let worker = try await t.session(for: demo.sameCircleWorker)
      #expect(
        try await t.send(.GET, "/", session: worker).text.contains(
          #"<a href="/quality">How the co-op is doing: who comes, and the plans' reviews</a>"#))
      let page = try await t.send(.GET, "/quality", session: worker)
      #expect(page.status == .ok && page.text.contains("<h1>How the co-op is doing</h1>"))
      let monday = CoopCalendar.london.weekStart(of: CoopCalendar.london.day(of: t.clock.env.now()))
      #expect(
        page.text.contains(
          #"<th scope="row">\#(monday.longText)</th><td>1</td><td>1</td><td>1</td><td>1</td><td>1 of 1</td><td>100%</td>"#
        ))
      #expect(page.text.contains("No day set yet: "))
      #expect(page.text.contains(#"<h2 id="concerns-title">Concerns, suggestions and compliments</h2>"#))
      for name in [demo.personAccount.name, demo.teamWorker.name, demo.family.name] {
        #expect(!page.text.contains(name), "no names on the figures")
      }
      // The API: the same figures.
      let phone = try await t.session(for: demo.family, kind: "api")
      let api = try await t.send(.GET, "/api/v1/quality", bearer: phone)
      #expect(api.status == .ok)
      #expect(
        api.text.contains(
          #"{"monday":"\#(monday.iso)","people":1,"visits":1,"medianWorkers":1,"mostWorkers":1,"#
            + #""peopleSeeingFourOrFewer":1,"workersSent":1,"fromTheirTeam":1,"fromTheirTeamPercent":100}"#))
      #expect(api.text.components(separatedBy: #""monday""#).count == 1 + Cases.qualityWeeks)
      #expect(api.text.contains(#""concerns":[{"month":""#))
    }
  }
}
