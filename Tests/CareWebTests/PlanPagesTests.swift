import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The support plan through the real server, on both engines: the team page links to it; a worker proposes
/// new words on a section's page; the person sees them waiting and agrees; a proposal written against older
/// words comes back with the error summary and the newer words shown, the proposer's own kept; agreeing in
/// other words with none given is refused at that change's box; the history says who did what; the phone
/// reads the plan through the API.
@Suite("Pages: support plan")
struct PlanPagesTests {
  @Test(arguments: Engine.allCases)
  func aWorkerProposesAndThePersonAgrees(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let plan = "/teams/\(demo.person.id)/plan"
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      let team = try await t.send(.GET, "/teams/\(demo.person.id)", session: person).text
      #expect(team.contains(##"<a href="\##(plan)">Your support plan: your strengths, goals"##))
      var text = try await t.send(.GET, plan, session: worker).text
      #expect(text.contains("<h2 id=\"strengths-title\">My strengths and what I can do</h2>"))
      #expect(text.range(of: "strengths-title")!.lowerBound < text.range(of: "risks-title")!.lowerBound)
      let section = try await t.send(.GET, "\(plan)/sections/strengths", session: worker).text
      #expect(section.contains("What are you good at?") && section.contains(#"name="basedOn" value="0""#))
      // The worker proposes; it waits for the person.
      let form = ["section": "strengths", "basedOn": "0", "text": "Great at making people laugh.", "note": "Chat"]
      let sent = try await t.send(.POST, "\(plan)/changes", session: worker, form: form)
      #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "\(plan)?proposed#strengths")
      text = try await t.send(.GET, plan, session: person).text
      #expect(text.contains("Waiting for an answer: proposed by \(demo.teamWorker.name)"))
      let answer = try #require(
        text.range(of: #"/plan/changes/[0-9a-f-]{36}/answer"#, options: .regularExpression).map { String(text[$0]) })
      let changeID = answer.split(separator: "/")[2]
      // Agreeing in other words, with none: refused at that change's box.
      let empty = try await t.send(
        .POST, "/teams/\(demo.person.id)\(answer)", session: person, form: ["answer": "change", "text": " "])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains(##"<a href="#text-\##(changeID)">Enter the words you agree to"##))
      let yes = try await t.send(
        .POST, "/teams/\(demo.person.id)\(answer)", session: person, form: ["answer": "accept"])
      #expect(yes.status == .seeOther)
      text = try await t.send(.GET, plan, session: worker).text
      #expect(text.contains("<p>Great at making people laugh.</p>") && text.contains("Version 1, agreed on"))
      // Sent again from version 0: refused, the newer words shown, the sender's own kept in the box.
      var stale = form
      stale["text"] = "Knows every bus route."
      let refused = try await t.send(.POST, "\(plan)/changes", session: worker, form: stale)
      #expect(refused.status == .conflict)
      #expect(refused.text.contains(##"<a href="#text">Someone changed this section since you opened it"##))
      #expect(
        refused.text.contains("<p>Great at making people laugh.</p>") && refused.text.contains("Knows every bus route.")
      )
      #expect(refused.text.contains(#"name="basedOn" value="1""#))
      // The history, and the API.
      let history = try await t.send(.GET, "\(plan)/history", session: person).text
      #expect(
        history.contains("Agreed by \(demo.personAccount.name)") && history.contains("by \(demo.teamWorker.name)"))
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)/plan", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""text":"Great at making people laugh.""#))
    }
  }

  /// The person's words in two sections, through the use cases.
  static func twoSections(_ t: TestApp, _ demo: DemoCoop) async throws {
    let me = try await t.app.care.cases.requester(for: demo.personAccount)
    try await t.app.care.cases.proposePlanChange(
      demo.person.id, section: "strengths", basedOn: 0, text: "I make people laugh.", note: "", by: me)
    try await t.app.care.cases.proposePlanChange(
      demo.person.id, section: "goals", basedOn: 0, text: "Go to every home game at the Shay.", note: "", by: me)
  }

  /// The plan prints the sections the person chooses: the page shows only those (the choice kept in its
  /// boxes), and its PDF, printed by the real Chromium from the same HTML, is tagged A4 with only those.
  @Test(.enabled(if: ChromiumPrinter.installed() != nil))
  func theChosenSectionsPrintAndMakeATaggedPDF() async throws {
    try await TestApp.with(chromium: ChromiumPrinter.installed()) { t in
      let (demo, _) = try await t.seedDemo()
      try await Self.twoSections(t, demo)
      let plan = "/teams/\(demo.person.id)/plan"
      let person = try await t.session(for: demo.personAccount)
      #expect(try await t.send(.GET, plan, session: person).text.contains(##"<a href="\##(plan)/print">"##))
      let page = try await t.send(.GET, "\(plan)/print?section=goals", session: person).text
      #expect(page.contains("Go to every home game at the Shay.") && !page.contains("I make people laugh."))
      #expect(page.contains(#"value="goals" checked"#) && !page.contains(#"value="strengths" checked"#))
      #expect(page.contains(##"href="\##(plan)/pdf?section=goals" download="support-plan.pdf""##))
      let all = try await t.send(.GET, "\(plan)/print", session: person).text
      #expect(all.contains("I make people laugh.") && all.contains("Go to every home game at the Shay."))
      let pdf = try await t.send(.GET, "\(plan)/pdf?section=goals", session: person)
      #expect(pdf.status == .ok && pdf.headers.first(name: .contentType) == "application/pdf")
      let text = String(decoding: Data(buffer: pdf.body), as: UTF8.self)
      #expect(text.contains("/StructTreeRoot") && text.contains("/S /H1") && text.contains("/Lang (en)"))
      #expect(text.contains("/Title (\(demo.personAccount.name)'s support plan)"))
      // One section chosen: one second-level heading, and no form.
      #expect(text.components(separatedBy: "/S /H2").count - 1 == 1)
      let count = { (s: String) in text.components(separatedBy: s).count - 1 }
      #expect(count("/Type /Page") - count("/Type /Pages") == 1)
      // The print is in the person's who-looked log with what it had.
      let log = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id, limit: 100)
      #expect(log.contains { $0.action == .viewPlan && $0.detail == "printed: My goals for living life well" })
    }
  }

  /// In Easy Read the plan has short headings, the person's words a line each, and initials for who wrote
  /// each part; a form that comes back with a problem is shown in the standard view, where its fields are.
  @Test(arguments: Engine.allCases)
  func thePlanInEasyRead(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      try await Self.twoSections(t, demo)
      let plan = "/teams/\(demo.person.id)/plan"
      let person = try await t.session(for: demo.personAccount)
      let on = try await t.send(
        .POST, "/preferences/easy-read", session: person, form: ["easy_read": "on", "return_to": plan])
      #expect(on.status == .seeOther)
      let text = try await t.send(.GET, plan, session: person).text
      #expect(text.contains("<h1>Your plan</h1>") && text.contains(">What I am good at</h2>"))
      #expect(text.contains(#"<ul class="easy-lines"><li>I make people laugh.</li></ul>"#))
      #expect(text.contains(#"<span class="avatar" aria-hidden="true">AW</span>Written by Alan."#))
      #expect(text.contains("Show the standard view"))
    }
  }

  /// The plan's reviews on the page: a date set from the form, a review held recorded with what was agreed
  /// (its problems first, in the summary, the form open); the API reads them with the plan.
  @Test(arguments: Engine.allCases)
  func reviewsAreSetAndRecordedOnThePlan(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let plan = "/teams/\(demo.person.id)/plan"
      let worker = try await t.session(for: demo.teamWorker)
      #expect(try await t.send(.GET, plan, session: worker).text.contains("No date is set for the next review."))
      let set = try await t.send(
        .POST, "\(plan)/review-date", session: worker, form: ["due-day": "5", "due-month": "6", "due-year": "2026"])
      #expect(set.status == .seeOther && set.headers.first(name: .location) == "\(plan)?reviewed#reviews")
      #expect(try await t.send(.GET, plan, session: worker).text.contains("The next review is on 5 June 2026."))
      let bad = try await t.send(
        .POST, "\(plan)/reviews", session: worker,
        form: ["held-day": "1", "held-month": "7", "held-year": "2026", "notes": ""])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#held">The day the review was held cannot be after today</a>"##))
      #expect(bad.text.contains(##"<a href="#notes">Enter what was agreed</a>"##))
      #expect(bad.text.contains(#"<details class="no-print" open="open"><summary>Record a review"#))
      let held = try await t.send(
        .POST, "\(plan)/reviews", session: worker,
        form: [
          "held-day": "28", "held-month": "5", "held-year": "2026", "notes": "Try the day centre.\nVisit it together.",
        ])
      #expect(held.status == .seeOther)
      let text = try await t.send(.GET, plan, session: worker).text
      #expect(text.contains("Review held on 28 May 2026") && text.contains("<p>Visit it together.</p>"))
      #expect(text.contains("No date is set for the next review."))
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(.GET, "/api/v1\(plan)", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""kind":"held""#) && api.text.contains(#""day":"2026-05-28""#))
    }
  }
}
