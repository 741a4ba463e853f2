import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Decisions that change settings, through the real server on both engines: the proposal form takes new
/// values and the day they take effect (a negative rate is refused at its box, nothing kept); the proposal's
/// page and ballot paper say what it would change; once passed, the settings page shows the change to come
/// and, from its day, the new value with a link to the decision; the API says the same.
@Suite("Pages: settings changed by decisions")
struct SettingsPagesTests {
  @Test(arguments: Engine.allCases)
  func aDecisionChangesTheSettingsPageFromItsDay(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let worker = try await t.session(for: demo.teamWorker)
      var page = try await t.send(.GET, "/proposals", session: worker).text
      #expect(
        page.contains("If it passes, change the co-op&#39;s settings (optional)")
          || page.contains("If it passes, change the co-op's settings (optional)"))
      #expect(page.contains(#"<a href="/settings">"#))
      var form = [
        "title": "Nights pay more", "text": "Night visits are hard.", "kind": "majority", "quorum": "2",
        "closesOn-day": "28", "closesOn-month": "5", "closesOn-year": "2026", "change-unsocialPercent": "-10",
        "change-weekends": "keep", "takesEffect-day": "1", "takesEffect-month": "6", "takesEffect-year": "2026",
      ]
      let refused = try await t.send(.POST, "/proposals", session: worker, form: form)
      #expect(refused.status == .unprocessableEntity)
      #expect(
        refused.text.contains(
          ##"<a href="#change-unsocialPercent">Extra pay for unsocial hours: a percent of hourly pay, 0 to 200</a>"##))
      #expect(refused.text.contains(#"value="-10""#))
      form["change-unsocialPercent"] = "30"
      let sent = try await t.send(.POST, "/proposals", session: worker, form: form)
      #expect(sent.status == .seeOther)
      let proposal = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      page = try await t.send(.GET, proposal, session: worker).text
      #expect(page.contains("What it changes if it passes") && page.contains("From 1 June 2026:"))
      #expect(page.contains("Extra pay for unsocial hours: <strong>30%</strong> (now 20%)"))
      #expect(!page.contains("Weekends are unsocial"))
      #expect(
        try await t.send(.GET, "\(proposal)/ballot-paper", session: worker).text.contains(
          "Extra pay for unsocial hours: <strong>30%</strong>"))
      for member in [demo.teamWorker, demo.family] {
        let s = try await t.session(for: member)
        #expect(try await t.send(.POST, "\(proposal)/votes", session: s, form: ["choice": "for"]).status == .seeOther)
      }
      t.clock.advance(24 * 3600 + 120)
      #expect(try await t.app.care.cases.countDuePolls() == 1)
      let family = try await t.session(for: demo.family)
      page = try await t.send(.GET, "/settings", session: family).text
      #expect(page.contains("<h1>The co-op&#39;s settings</h1>") || page.contains("<h1>The co-op's settings</h1>"))
      #expect(page.contains("Changes decided, still to come"))
      #expect(page.contains("From 1 June 2026: extra pay for unsocial hours becomes <strong>30%</strong>"))
      #expect(page.contains(#"<a href="\#(proposal)">Nights pay more</a>"#))
      page = try await t.send(.GET, proposal, session: family).text
      #expect(page.contains("What it changed"))
      // From 1 June the new value is in force.
      t.clock.advance(3 * 24 * 3600)
      let later = try await t.session(for: demo.family)
      page = try await t.send(.GET, "/settings", session: later).text
      #expect(page.contains("<strong>30%</strong> since 1 June 2026, by decision."))
      #expect(!page.contains("Changes decided, still to come"))
      let phone = try await t.session(for: demo.family, kind: "api")
      let api = try await t.send(.GET, "/api/v1/settings", bearer: phone)
      #expect(api.status == .ok)
      let body = try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as! [String: Any]
      let unsocial = (body["settings"] as! [[String: Any]]).first { $0["key"] as? String == "unsocialPercent" }
      #expect(unsocial?["value"] as? Int == 30 && unsocial?["standard"] as? Int == 20)
      #expect((unsocial?["history"] as? [[String: Any]])?.first?["from"] as? String == "2026-06-01")
      let shown = try await t.send(.GET, "/api/v1\(proposal)", bearer: phone).text
      #expect(shown.contains(#""takesEffect":"2026-06-01""#) && shown.contains(#""unsocialPercent":30"#))
    }
  }
}
