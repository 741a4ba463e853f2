import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Members' meetings on both engines: called with 14 clear days' notice to every voting member (a message
/// each, mailed), the quorum from the co-op's settings (which a decision changes), attendance taken on the day
/// (a proxy held by a member who came; a correction is a new line), quorate or not, and minutes in versions
/// that a stale writer cannot overwrite. Bad input is refused whole; nothing is rewritten.
@Suite("Use cases: members' meetings")
struct MeetingCasesTests {
  static func call(_ day: Day, title: String = "Annual general meeting 2026", proposals: [String] = []) -> NewMeeting {
    NewMeeting(
      kind: "annual", title: title, day: day.iso, start: "18:30", length: 120, place: "Hebden Bridge Town Hall",
      items: ["Welcome, and apologies", "", "The year's report and the accounts"], proposals: proposals)
  }

  @Test(arguments: Engine.allCases)
  func aMeetingIsCalledWithNoticeTakesAttendanceAndKeepsItsMinutes(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let family = try await w.cases.requester(for: demo.family)
      let today = w.cases.today
      let members = try await w.store.votingMembers(coop: demo.coop.id, on: today)
      // Too little notice: refused, with the first day allowed; nothing kept, nobody told.
      do {
        try await w.cases.callMeeting(Self.call(today.adding(days: 14)), by: admin)
        Issue.record("a meeting with 13 clear days' notice was called")
      } catch CareError.invalid(let errors) {
        #expect(
          errors == [
            FieldError(
              "day", "Members must have 14 clear days' notice: choose \(today.adding(days: 15).longText) or later")
          ])
      }
      #expect(try await w.cases.meetings(by: family).meetings.isEmpty)
      // Only those who run meetings call one.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.callMeeting(Self.call(today.adding(days: 15)), by: family)
      }
      let day = today.adding(days: 15)
      let meeting = try await w.cases.callMeeting(Self.call(day), by: admin)
      #expect(meeting.agenda.map(\.title) == ["Welcome, and apologies", "The year's report and the accounts"])
      #expect(meeting.agenda.map(\.number) == [1, 2])
      // The quorum: the greater of 3 members and 10% of them, rounded up.
      #expect(meeting.quorum == max(3, (members.count + 9) / 10))
      // Every voting member is told, with the day, the place and the agenda.
      for member in members {
        let notice = try await w.store.messages(for: member).first {
          $0.subject == "Notice of the annual general meeting: \(day.longText)"
        }
        #expect(notice?.link == "/meetings/\(meeting.id)")
        #expect(notice?.body.contains("1. Welcome, and apologies\n2. The year's report and the accounts") == true)
        #expect(notice?.body.contains("from 18:30 to 20:30, at Hebden Bridge Town Hall") == true)
      }
      // Attendance waits for the day.
      let present = { (a: Account) in NewAttendance(member: a.id.description, way: "present", proxy: nil) }
      await #expect(
        throws: CareError.conflict(FieldError("member", "The meeting has not begun: attendance is taken on the day"))
      ) { try await w.cases.recordAttendance(meeting.id, present(demo.family), by: admin) }
      w.clock.advance(meeting.startsAt.timeIntervalSince(w.clock.env.now()) - 1_800)
      var held = try await w.cases.recordAttendance(meeting.id, present(demo.family), by: admin)
      // A proxy is held by a member who came.
      do {
        try await w.cases.recordAttendance(
          meeting.id,
          NewAttendance(member: demo.teamWorker.id.description, way: "proxy", proxy: demo.rotaKeeper.id.description),
          by: admin)
        Issue.record("a proxy held by someone not there was recorded")
      } catch CareError.invalid(let errors) {
        #expect(errors.map(\.field) == ["proxy"])
      }
      held = try await w.cases.recordAttendance(
        meeting.id,
        NewAttendance(member: demo.teamWorker.id.description, way: "proxy", proxy: demo.family.id.description),
        by: admin)
      held = try await w.cases.recordAttendance(
        meeting.id, NewAttendance(member: demo.personAccount.id.description, way: "apologies", proxy: nil), by: admin)
      // The demo's 35 members: a quorum of 4 (10% is 3.5, rounded up; more than the least of 3).
      try #require(members.count == 35 && held.quorum == 4)
      #expect(held.takingPart == 2 && !held.isQuorate)
      // The proxy holder cannot be marked absent while they hold it.
      await #expect(
        throws: CareError.conflict(
          FieldError("way", "They hold another member's proxy: record that member's attendance first"))
      ) {
        try await w.cases.recordAttendance(
          meeting.id, NewAttendance(member: demo.family.id.description, way: "apologies", proxy: nil), by: admin)
      }
      // A correction: the person came after all. The latest line stands; the first is kept.
      held = try await w.cases.recordAttendance(meeting.id, present(demo.personAccount), by: admin)
      #expect(held.takingPart == 3 && held.attendance.count == 4)
      #expect(held.standing.first { $0.memberID == demo.personAccount.id }?.way == .present)
      #expect(!held.isQuorate)
      held = try await w.cases.recordAttendance(meeting.id, present(demo.rotaKeeper), by: admin)
      #expect(held.takingPart == 4 && held.isQuorate)
      // Minutes once it has begun; a stale writer is turned away.
      await #expect(
        throws: CareError.conflict(FieldError("note-0", "The meeting has not begun: write its minutes once it has"))
      ) {
        try await w.cases.writeMinutes(meeting.id, NewMinutes(notes: [0: "Early."], basedOn: 0), by: admin)
      }
      w.clock.advance(3_600)
      let first = try await w.cases.writeMinutes(
        meeting.id, NewMinutes(notes: [0: "Rosa chaired.", 2: "The accounts were received.", 1: " "], basedOn: 0),
        by: admin)
      #expect(
        first.latestMinutes?.version == 1
          && first.latestMinutes?.notes == [0: "Rosa chaired.", 2: "The accounts were received."])
      await #expect(
        throws: CareError.conflict(FieldError("note-0", "Someone saved the minutes while you were writing: look again"))
      ) {
        try await w.cases.writeMinutes(meeting.id, NewMinutes(notes: [0: "Sam chaired."], basedOn: 0), by: admin)
      }
      do {
        try await w.cases.writeMinutes(meeting.id, NewMinutes(notes: [7: "Not an item."], basedOn: 1), by: admin)
        Issue.record("a note for an item the meeting has not was kept")
      } catch CareError.invalid(let errors) {
        #expect(errors.map(\.field).contains("notes"))
      }
      let second = try await w.cases.writeMinutes(
        meeting.id, NewMinutes(notes: [0: "Rosa Okafor chaired."], basedOn: 1), by: admin)
      #expect(second.minutes.map(\.version) == [1, 2] && second.latestMinutes?.note(2) == "")
      // Everyone in the co-op reads it; only those who run meetings are offered the forms.
      let seen = try await w.cases.meeting(meeting.id, by: family)
      #expect(seen.meeting.standing.count == 4 && !seen.mayRun && seen.members.isEmpty)
      #expect(try await w.cases.meeting(meeting.id, by: admin).takesMinutes)
      // Kept for good.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE meetings SET title = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM meeting_attendance").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE meeting_minutes SET text = 'x'").run() }
    }
  }

  /// The members decide the quorum: a decision raising the share to half the members gives the next meeting
  /// called a quorum of half of them; the agenda carries an open proposal, linked, and refuses one closed.
  @Test(arguments: Engine.allCases)
  func theQuorumIsTheMembersDecisionAndTheAgendaCarriesProposals(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let admin = try await w.cases.requester(for: demo.admin)
      let members = try await w.store.votingMembers(coop: demo.coop.id, on: w.cases.today).count
      try await w.cases.passDemoDecision(
        demo, title: "Half of us for a quorum", text: "Decisions need many voices.",
        changes: [.meetingQuorumPercent: "50"])
      let closed = try #require(try await w.cases.proposals(by: admin).proposals.first)
      let open = try await w.cases.addProposal(
        NewProposal(
          title: "Raise the hourly rate", text: "Costs are up.", kind: "majority", share: "simple", quorum: 1,
          closesOn: w.cases.today.adding(days: 20).iso), by: admin)
      do {
        try await w.cases.callMeeting(
          Self.call(w.cases.today.adding(days: 20), proposals: [closed.id.description]), by: admin)
        Issue.record("a closed proposal was put on an agenda")
      } catch CareError.invalid(let errors) {
        #expect(errors == [FieldError("proposals", "Choose proposals the co-op has")])
      }
      let meeting = try await w.cases.callMeeting(
        Self.call(w.cases.today.adding(days: 20), proposals: [open.id.description, open.id.description]), by: admin)
      #expect(meeting.quorum == max(3, (members * 50 + 99) / 100))
      #expect(
        meeting.agenda.last == AgendaItem(number: 3, title: "To decide: Raise the hourly rate", proposalID: open.id))
      let model = try await w.cases.meeting(meeting.id, by: admin)
      #expect(model.proposals[open.id]?.title == "Raise the hourly rate")
      #expect(model.byPost.allSatisfy { ($0.email ?? "").isEmpty } && model.members.count == members)
    }
  }
}
