import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The person's plan on their home page through the real server, on both engines: the next review, the changes
/// waiting for their answer, the goals linked with their steps; an overdue review is said so; the family's
/// home page has none of it.
@Suite("Pages: the person's plan on their home page")
struct HomePlanPagesTests {
  @Test(arguments: Engine.allCases)
  func theHomePageShowsThePlanAtAGlance(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let person = demo.person.id
      let (me, family) = (
        try await cases.requester(for: demo.personAccount), try await cases.requester(for: demo.family)
      )
      let due = cases.today.adding(days: 10)
      try await cases.setPlanReview(person, due: due.iso, by: family)
      _ = try await cases.proposePlanChange(
        person, section: "strengths", basedOn: 0, text: "Great at making people laugh.", note: "", by: family)
      let goal = try await cases.addGoal(person, title: "Swim on my own", steps: ["Find", "Go"], by: me)
      var home = try await t.send(.GET, "/", session: try await t.session(for: demo.personAccount)).text
      #expect(home.contains(#"<h2 id="plan-title">Your plan</h2>"#))
      #expect(home.contains("next review: \(due.longText)."))
      #expect(home.contains("1 change to your plan is waiting for your answer."))
      let goalPath = SiteURL.teamPlanGoal(.value(person), .value(goal.id)).path
      #expect(home.contains(#"<a href="\#(goalPath)">Swim on my own</a> – 0 of 2 steps done"#))
      #expect(home.contains(#"<a href="\#(SiteURL.teamPlan(.value(person)).path)">See your plan</a>"#))
      let familyHome = try await t.send(.GET, "/", session: try await t.session(for: demo.family)).text
      #expect(!familyHome.contains("Your plan"))
      // Eleven days on, the review has not been held: the page says it was due.
      t.clock.advance(TimeInterval(11 * 86_400))
      home = try await t.send(.GET, "/", session: try await t.session(for: demo.personAccount)).text
      #expect(home.contains("was due on \(due.longText). Ask your team to hold it soon."))
    }
  }
}
