import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// A meeting's minutes approved at the next meeting, on both engines: only once that meeting has begun and is
/// quorate; the version approved is the one the members read (a correction since: refused); approved minutes
/// stay as they are (no new version), are approved once, and only by a later meeting; the record cannot be
/// rewritten.
@Suite("Use cases: approving the last meeting's minutes")
struct MinutesApprovalCasesTests {
  @Test(arguments: Engine.allCases)
  func theNextQuorateMeetingApprovesTheMinutesAsRead(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (admin, family) = (
        try await w.cases.requester(for: demo.admin), try await w.cases.requester(for: demo.family)
      )
      let members = try await w.store.votingMembers(coop: demo.coop.id, on: w.cases.today)
      func call(_ title: String) async throws -> Meeting {
        try await w.cases.callMeeting(
          NewMeeting(
            kind: "general", title: title, day: w.cases.today.adding(days: 15).iso, start: "18:30", length: 90,
            place: "The community centre", items: ["Welcome", "Any other business"], proposals: []), by: admin)
      }
      func begin(_ meeting: Meeting, present count: Int) async throws {
        w.clock.advance(meeting.startsAt.timeIntervalSince(w.clock.env.now()) + 60)
        for member in members.prefix(count) {
          try await w.cases.recordAttendance(
            meeting.id, NewAttendance(member: member.description, way: "present", proxy: nil), by: admin)
        }
      }
      func notes(_ text: String, on version: Int) -> NewMinutes { NewMinutes(notes: [0: text], basedOn: version) }
      let spring = try await call("Spring general meeting")
      try await begin(spring, present: 0)
      try await w.cases.writeMinutes(spring.id, notes("Sue chaired.", on: 0), by: admin)
      // The summer meeting, five weeks on: not quorate yet, so it cannot approve the spring minutes.
      w.clock.advance(86_400)
      let summer = try await call("Summer general meeting")
      try await begin(summer, present: summer.quorum - 1)
      #expect(try await w.cases.meeting(summer.id, by: admin).toApprove.map(\.id) == [spring.id])
      #expect(try await w.cases.meeting(summer.id, by: family).toApprove.isEmpty)
      await #expect(throws: CareError.self) {
        try await w.cases.approveMinutes(of: spring.id.description, version: 1, at: summer.id, by: admin)
      }
      let last = members[summer.quorum - 1]
      try await w.cases.recordAttendance(
        summer.id, NewAttendance(member: last.description, way: "present", proxy: nil), by: admin)
      // Only those who run meetings record it; only a later meeting approves; the version read must be the latest.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.approveMinutes(of: spring.id.description, version: 1, at: summer.id, by: family)
      }
      do {
        try await w.cases.approveMinutes(of: summer.id.description, version: 1, at: spring.id, by: admin)
        Issue.record("an earlier meeting approved a later one's minutes")
      } catch CareError.invalid(let errors) {
        #expect(errors.map(\.field) == ["meeting"])
      }
      try await w.cases.writeMinutes(spring.id, notes("Sue chaired; 12 came.", on: 1), by: admin)
      do {
        try await w.cases.approveMinutes(of: spring.id.description, version: 1, at: summer.id, by: admin)
        Issue.record("minutes changed since they were read were approved")
      } catch CareError.conflict(let error) {
        #expect(error.message.hasPrefix("The minutes were changed after the members read them"))
      }
      let approving = try await w.cases.approveMinutes(of: spring.id.description, version: 2, at: summer.id, by: admin)
      #expect(approving.id == summer.id)
      let approved = try await w.cases.meeting(spring.id, by: family).meeting
      #expect(approved.approval?.version == 2 && approved.approval?.atMeetingID == summer.id)
      #expect(approved.approvedMinutes?.note(0) == "Sue chaired; 12 came.")
      #expect(try await w.cases.meeting(summer.id, by: family).approvedHere.map(\.id) == [spring.id])
      #expect(try await w.cases.meeting(summer.id, by: admin).toApprove.isEmpty)
      // Approved minutes stay as they are, and are approved once.
      await #expect(throws: CareError.self) {
        try await w.cases.writeMinutes(spring.id, notes("Rewritten.", on: 2), by: admin)
      }
      do {
        try await w.cases.approveMinutes(of: spring.id.description, version: 2, at: summer.id, by: admin)
        Issue.record("minutes were approved twice")
      } catch CareError.conflict(let error) {
        #expect(error.message.hasPrefix("Those minutes were approved already"))
      }
      #expect(try await w.cases.meeting(spring.id, by: admin).meeting.minutes.count == 2)
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) {
        try await sql.raw("UPDATE meeting_minutes_approvals SET version = 1").run()
      }
    }
  }
}
