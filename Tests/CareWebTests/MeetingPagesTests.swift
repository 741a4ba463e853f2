import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Members' meetings through the real server, on both engines: the Decisions page links to them; the
/// administrator calls the annual general meeting on the form (too little notice is refused at its box), and a
/// member reads its notice and agenda, with the proposal it decides linked; the printed notice names the co-op;
/// on the day the administrator takes attendance (a proxy held by someone who did not come is refused at its
/// box) and writes the minutes; the API says the same.
@Suite("Pages: members' meetings")
struct MeetingPagesTests {
  @Test(arguments: Engine.allCases)
  func anAnnualGeneralMeetingIsCalledHeldAndMinuted(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let proposal = try await t.app.care.cases.seedDemoProposal(demo)
      let organiser = try await t.session(for: demo.admin)
      #expect(try await t.send(.GET, "/proposals", session: organiser).text.contains(#"<a href="/meetings">"#))
      var page = try await t.send(.GET, "/meetings", session: organiser).text
      #expect(page.contains("Call a meeting") && page.contains("Welcome, and apologies from those who cannot come"))
      var form = [
        "kind": "annual", "title": "Annual general meeting 2026", "day-day": "11", "day-month": "6",
        "day-year": "2026", "start": "18:30", "length": "120", "place": "Hebden Bridge Town Hall",
        "items": "Welcome, and apologies\nThe year's report and the accounts", "proposal-\(proposal.id)": "true",
      ]
      let early = try await t.send(.POST, "/meetings", session: organiser, form: form)
      #expect(early.status == .unprocessableEntity)
      #expect(early.text.contains("choose 12 June 2026 or later</a>"))
      form["day-day"] = "12"
      let called = try await t.send(.POST, "/meetings", session: organiser, form: form)
      #expect(called.status == .seeOther)
      let meeting = String(try #require(called.headers.first(name: .location)).prefix { $0 != "?" })
      // A member reads it; the decision on its agenda links to the proposal.
      let reader = try await t.session(for: demo.family)
      page = try await t.send(.GET, meeting, session: reader).text
      #expect(page.contains("Annual general meeting: 12 June 2026, 18:30 to 20:30, at Hebden Bridge Town Hall."))
      #expect(page.contains(#"<a href="/proposals/\#(proposal.id)">To decide: Raise the hourly rate to £13.50</a>"#))
      #expect(page.contains("Attendance is taken on the day.") && !page.contains("Record a member"))
      #expect(try await t.store.messages(for: demo.family.id).contains { $0.link == meeting })
      let notice = try await t.send(.GET, "\(meeting)/notice", session: reader).text
      #expect(notice.contains("Calder Valley Care Co-op, registered society RS007421"))
      #expect(notice.contains("<h1>Notice of the annual general meeting</h1>"))
      // Their home page shows it; the notice in Easy Read, for a member who asks for it.
      let home = try await t.send(.GET, "/", session: reader).text
      #expect(home.contains(#"<a href="\#(meeting)">Annual general meeting 2026</a>: 12 June 2026, 18:30 to 20:30"#))
      let easy = try await t.send(
        .POST, "/preferences/easy-read", session: reader, form: ["easy_read": "on", "return_to": "\(meeting)/notice"])
      #expect(easy.status == .seeOther)
      let easyNotice = try await t.send(.GET, "\(meeting)/notice", session: reader).text
      #expect(
        easyNotice.contains("<h1>The co-op&#39;s meeting of the year</h1>")
          || easyNotice.contains("<h1>The co-op's meeting of the year</h1>"))
      #expect(
        easyNotice.contains("<li>Everyone has 1 vote.</li>")
          && easyNotice.contains("It starts at 18:30. It ends at 20:30."))
      // On the day (signed in afresh: a fortnight has passed).
      let starts = CoopCalendar.london.instant(on: Day(iso: "2026-06-12")!, atMinute: 18 * 60 + 30)
      t.clock.advance(starts.timeIntervalSince(t.clock.env.now()) + 60)
      let admin = try await t.session(for: demo.admin)
      let family = try await t.session(for: demo.family)
      page = try await t.send(.GET, meeting, session: admin).text
      #expect(page.contains("Record a member&#39;s attendance") || page.contains("Record a member's attendance"))
      let proxy = try await t.send(
        .POST, "\(meeting)/attendance", session: admin,
        form: ["member": demo.teamWorker.id.description, "way": "proxy", "proxy": demo.family.id.description])
      #expect(proxy.status == .unprocessableEntity)
      #expect(proxy.text.contains(##"<a href="#proxy">A proxy is held by a member who came"##))
      for account in [demo.family, demo.rotaKeeper, demo.sameCircleWorker] {
        let done = try await t.send(
          .POST, "\(meeting)/attendance", session: admin, form: ["member": account.id.description, "way": "present"])
        #expect(done.status == .seeOther)
      }
      page = try await t.send(.GET, meeting, session: family).text
      #expect(page.contains("<caption>Attendance</caption>") && page.contains("3 of the"))
      let minuted = try await t.send(
        .POST, "\(meeting)/minutes", session: admin,
        form: ["basedOn": "0", "note-0": "Rosa Okafor chaired.", "note-2": "The accounts were received."])
      #expect(minuted.status == .seeOther)
      page = try await t.send(.GET, meeting, session: family).text
      #expect(page.contains("<p>Rosa Okafor chaired.</p>") && page.contains("Version 1, written by Rosa Okafor"))
      // The API: the same meeting, its attendance and minutes; a stale version is refused.
      let phone = try await t.session(for: demo.admin, kind: "api")
      let got = try await t.send(.GET, "/api/v1\(meeting)", bearer: phone)
      #expect(got.status == .ok && got.text.contains(#""takingPart":3"#) && got.text.contains(#""version":1"#))
      let stale = try await t.send(
        .POST, "/api/v1\(meeting)/minutes", bearer: phone, json: #"{"basedOn":0,"notes":[{"item":0,"text":"x"}]}"#)
      #expect(stale.status == .conflict)
      let list = try await t.send(.GET, "/api/v1/meetings", bearer: try await t.session(for: demo.family, kind: "api"))
      #expect(list.status == .ok && list.text.contains(#""kind":"annual""#))
    }
  }
}

/// The next meeting approves the last one's minutes through the real server, on both engines: the form is on
/// the annual general meeting's page once it has begun; sent empty it is refused with an error summary; once
/// recorded, the spring meeting's minutes say they were approved (and offer no correction), and the API says so.
@Suite("Pages: approving the last meeting's minutes")
struct MinutesApprovalPagesTests {
  @Test(arguments: Engine.allCases)
  func theAnnualMeetingApprovesTheSpringMinutes(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let spring = try await cases.seedDemoMeetings(demo)
      let admin = try await cases.requester(for: demo.admin)
      let agm = try #require(try await cases.meetings(by: admin).meetings.first { $0.kind == .annual })
      t.clock.advance(agm.startsAt.timeIntervalSince(t.clock.env.now()) + 600)
      let members = try await t.store.votingMembers(coop: demo.coop.id, on: cases.today)
      for member in members.prefix(agm.quorum) {
        try await cases.recordAttendance(
          agm.id, NewAttendance(member: member.description, way: "present", proxy: nil), by: admin)
      }
      let session = try await t.session(for: demo.admin)
      var page = try await t.send(.GET, "/meetings/\(agm.id)", session: session).text
      #expect(page.contains("The minutes of earlier meetings") && page.contains("Spring general meeting"))
      var sent = try await t.send(.POST, "/meetings/\(agm.id)/approvals", session: session, form: [:])
      #expect(sent.status == .unprocessableEntity && sent.text.contains(##"href="#meeting""##))
      sent = try await t.send(
        .POST, "/meetings/\(agm.id)/approvals", session: session,
        form: ["meeting": spring.id.description, "version-\(spring.id)": "1"])
      #expect(sent.status == .seeOther)
      page = try await t.send(.GET, "/meetings/\(spring.id)", session: session).text
      #expect(page.contains("Approved as a true record (version 1)"))
      #expect(!page.contains("Correct the minutes"))
      page = try await t.send(.GET, "/meetings/\(agm.id)", session: session).text
      #expect(page.contains("Approved as a true record: "))
      let phone = try await t.session(for: demo.admin, kind: "api")
      let got = try await t.send(.GET, "/api/v1/meetings/\(spring.id)", bearer: phone)
      #expect(got.text.contains(#""approval":{"#) && got.text.contains(#""atMeeting":"\#(agm.id)""#))
      let again = try await t.send(
        .POST, "/api/v1/meetings/\(agm.id)/approvals", bearer: phone,
        json: #"{"meeting":"\#(spring.id)","version":1}"#)
      #expect(again.status == .conflict && again.text.contains("approved already"))
    }
  }
}
