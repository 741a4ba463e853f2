import CareCore
import Foundation
import PropertyBased
import Testing

/// The rules of a members' meeting that need no store: the notice, the quorum, who may hold a proxy, when
/// attendance and minutes are taken.
@Suite("Members' meetings: the rules")
struct MeetingTests {
  /// The quorum is the greater of the least number and the share of the members, rounded up.
  @Test(arguments: [
    (members: 0, least: 3, percent: 10, quorum: 3),
    (members: 30, least: 3, percent: 10, quorum: 3),
    (members: 31, least: 3, percent: 10, quorum: 4),
    (members: 200, least: 3, percent: 10, quorum: 20),
    (members: 7, least: 1, percent: 50, quorum: 4),
    (members: 12, least: 5, percent: 0, quorum: 5),
  ])
  func quorum(members: Int, least: Int, percent: Int, quorum: Int) {
    #expect(Meeting.quorum(members: members, least: least, percent: percent) == quorum)
  }

  static let today = Day(iso: "2026-05-28")!

  /// Fourteen clear days: neither the day notice is given nor the meeting's day counts.
  @Test(arguments: [(14, false), (15, true), (366, true), (367, false)])
  func notice(daysAhead: Int, allowed: Bool) {
    let new = NewMeeting(
      kind: "general", title: "Spring meeting", day: Self.today.adding(days: daysAhead).iso, start: "18:30",
      length: 90, place: "The hall", items: ["Any other business"], proposals: [])
    #expect(((try? new.validated(today: Self.today, proposals: [:])) != nil) == allowed)
  }

  @Test func everyProblemWithACallIsSaidAtOnce() {
    let new = NewMeeting(
      kind: "party", title: " ", day: "2026-02-30", start: "25:00", length: 5, place: "", items: [" ", ""],
      proposals: ["not-an-id"])
    #expect(throws: CareError.self) { try new.validated(today: Self.today, proposals: [:]) }
    do {
      _ = try new.validated(today: Self.today, proposals: [:])
    } catch CareError.invalid(let errors) {
      #expect(
        Set(errors.map(\.field)) == ["kind", "title", "day", "start", "length", "place", "proposals", "items"])
    } catch { Issue.record("\(error)") }
  }

  static func meeting(startsAt: Date, attendance: [Attendance] = []) -> Meeting {
    Meeting(
      id: ID(UUID()), coopID: ID(UUID()), kind: .general, title: "Spring meeting", startsAt: startsAt,
      lengthMinutes: 90, place: "The hall", quorum: 2, agenda: [AgendaItem(number: 1, title: "AOB", proposalID: nil)],
      calledBy: ID(UUID()), calledAt: startsAt.addingTimeInterval(-20 * 86_400), attendance: attendance,
      minutes: [])
  }

  /// A proxy is held by another member who came; only a proxy names one.
  @Test func proxies() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let (ann, bob, cat) = (ID<Account>(UUID()), ID<Account>(UUID()), ID<Account>(UUID()))
    let came = Attendance(memberID: ann, way: .present, proxyID: nil, recordedBy: cat, recordedAt: start)
    let meeting = Self.meeting(startsAt: start, attendance: [came])
    let members: Set = [ann, bob, cat]
    let valid = try NewAttendance(member: bob.description, way: "proxy", proxy: ann.description)
      .validated(for: meeting, members: members, now: start)
    #expect(valid.proxy == ann)
    for (proxy, way) in [(cat.description, "proxy"), (bob.description, "proxy"), (ann.description, "present")] {
      #expect(throws: CareError.self) {
        try NewAttendance(member: bob.description, way: way, proxy: proxy).validated(
          for: meeting, members: members, now: start)
      }
    }
    // Not before an hour ahead of the start.
    #expect(throws: CareError.self) {
      try NewAttendance(member: bob.description, way: "present", proxy: nil).validated(
        for: meeting, members: members, now: start.addingTimeInterval(-3_601))
    }
    #expect(meeting.takingPart == 1 && !meeting.isQuorate)
    #expect(meeting.status(at: start.addingTimeInterval(60)) == .underWay)
    #expect(meeting.status(at: start.addingTimeInterval(90 * 60)) == .held)
  }

  /// Whatever lines are recorded, in whatever order: each member stands once, as their latest line says, in
  /// the order first recorded; those taking part are those whose latest line is "came" or "proxy", never more
  /// than the members recorded; and quorate means exactly that many reach the quorum.
  @Test func theLatestLineStandsForEachMember() async {
    let members = (0..<5).map { _ in ID<Account>(UUID()) }
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    await propertyCheck(input: Gen.int(in: 0...((1 << 30) - 1)), Gen.int(in: 0...10), Gen.int(in: 1...5)) {
      bits, count, quorum in
      var lines: [Attendance] = []
      for n in 0..<count {
        let pick = (bits >> (n * 3)) & 0x7
        let way = AttendanceWay.allCases[(pick + n) % 3]
        lines.append(
          Attendance(
            memberID: members[pick % 5], way: way, proxyID: way == .proxy ? members[(pick + 1) % 5] : nil,
            recordedBy: members[0], recordedAt: start.addingTimeInterval(Double(n))))
      }
      let meeting = Meeting(
        id: ID(UUID()), coopID: ID(UUID()), kind: .general, title: "t", startsAt: start, lengthMinutes: 60,
        place: "p", quorum: quorum, agenda: [], calledBy: members[0], calledAt: start, attendance: lines, minutes: [])
      let standing = meeting.standing
      #expect(Set(standing.map(\.memberID)).count == standing.count)
      #expect(
        standing.map(\.memberID)
          == lines.map(\.memberID).reduce(into: []) { seen, m in
            if !seen.contains(m) { seen.append(m) }
          })
      for line in standing { #expect(lines.last { $0.memberID == line.memberID } == line) }
      #expect(meeting.takingPart == standing.filter { $0.way != .apologies }.count)
      #expect(meeting.takingPart <= Set(lines.map(\.memberID)).count)
      #expect(meeting.isQuorate == (meeting.takingPart >= quorum))
    }
  }
}
