import CareCore
import FluentKit
import Foundation

final class MeetingRow: Model, @unchecked Sendable {
  static let schema = "meetings"
  @IDProperty<MeetingRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "title") var title: String
  @Field(key: "starts_at") var startsAt: Date
  @Field(key: "length_minutes") var lengthMinutes: Int
  @Field(key: "place") var place: String
  @Field(key: "quorum") var quorum: Int
  @Field(key: "called_by") var calledBy: UUID
  @Field(key: "called_at") var calledAt: Date
  init() {}
}

final class MeetingItemRow: Model, @unchecked Sendable {
  static let schema = "meeting_items"
  @IDProperty<MeetingItemRow, UUID>(key: .id) var id: UUID?
  @Field(key: "meeting_id") var meetingID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "title") var title: String
  @OptionalField(key: "proposal_id") var proposalID: UUID?
  init() {}
}

final class MeetingAttendanceRow: Model, @unchecked Sendable {
  static let schema = "meeting_attendance"
  @IDProperty<MeetingAttendanceRow, UUID>(key: .id) var id: UUID?
  @Field(key: "meeting_id") var meetingID: UUID
  @Field(key: "member_id") var memberID: UUID
  @Field(key: "way") var way: String
  @OptionalField(key: "proxy_id") var proxyID: UUID?
  @Field(key: "recorded_by") var recordedBy: UUID
  @Field(key: "recorded_at") var recordedAt: Date
  init() {}
}

final class MeetingMinutesRow: Model, @unchecked Sendable {
  static let schema = "meeting_minutes"
  @IDProperty<MeetingMinutesRow, UUID>(key: .id) var id: UUID?
  @Field(key: "meeting_id") var meetingID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "item") var item: Int
  @Field(key: "text") var text: String
  @Field(key: "written_by") var writtenBy: UUID
  @Field(key: "written_at") var writtenAt: Date
  init() {}
}

final class MinutesApprovalRow: Model, @unchecked Sendable {
  static let schema = "meeting_minutes_approvals"
  @IDProperty<MinutesApprovalRow, UUID>(key: .id) var id: UUID?
  @Field(key: "meeting_id") var meetingID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "at_meeting_id") var atMeetingID: UUID
  @Field(key: "recorded_by") var recordedBy: UUID
  @Field(key: "recorded_at") var recordedAt: Date
  init() {}
}

/// Members' meetings: called once with notice to every member (kept and mailed in the same transaction),
/// attendance taken line by line, minutes written in versions. Nothing is rewritten; each change is audited.
extension Store {
  /// The co-op's meetings, the latest first: anyone in the co-op (`viewProposals`) and those who run them.
  public func meetings(permit: Permit) async throws -> [Meeting] {
    try Self.check(permit, anyOf: [.viewProposals, .runMeetings])
    return try await Self.meetings(permit.coopID, only: nil, on: db)
  }

  public func meeting(_ id: ID<Meeting>, permit: Permit) async throws -> Meeting? {
    try Self.check(permit, anyOf: [.viewProposals, .runMeetings])
    return try await Self.meetings(permit.coopID, only: id, on: db).first
  }

  /// The next meeting not yet over (for the home page): anyone in the co-op.
  public func nextMeeting(after now: Date, permit: Permit) async throws -> Meeting? {
    try Self.check(permit, anyOf: [.viewProposals, .runMeetings])
    let longest = TimeInterval(Meeting.lengths.upperBound * 60)
    guard
      let row = try await MeetingRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue)
        .filter(\.$startsAt > now.addingTimeInterval(-longest)).sort(\.$startsAt).sort(\.$id).all()
        .first(where: { $0.startsAt.addingTimeInterval(TimeInterval($0.lengthMinutes * 60)) > now })
    else { return nil }
    return try await Self.meetings(permit.coopID, only: ID(row.id!), on: db).first
  }

  /// Calls a meeting: keeps it with its agenda and gives notice (`messages`, each kept and mailed), in one
  /// transaction. `calledAt` is now, but for the demo's meeting already held.
  public func callMeeting(
    _ new: NewMeeting.Valid, startsAt: Date, quorum: Int, messages: @escaping @Sendable (ID<Meeting>) -> [NewMessage],
    mailJob: MailJob, permit: Permit, env: Effects, calledAt: Date? = nil
  ) async throws -> Meeting {
    guard case .runMeetings(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      let row = MeetingRow()
      (row.id, row.coopID, row.kind, row.title, row.startsAt) = (
        env.newID(), coop.rawValue, new.kind.rawValue, new.title, startsAt
      )
      (row.lengthMinutes, row.place, row.quorum, row.calledBy, row.calledAt) = (
        new.lengthMinutes, new.place, quorum, actor.rawValue, calledAt ?? env.now()
      )
      try await row.create(on: db)
      for item in new.agenda {
        let line = MeetingItemRow()
        (line.id, line.meetingID, line.number, line.title, line.proposalID) = (
          env.newID(), row.id!, item.number, item.title, item.proposalID?.rawValue
        )
        try await line.create(on: db)
      }
      let id = ID<Meeting>(row.id!)
      try await Self.keepAndMail(messages(id), coop: coop, mailJob: mailJob, env: env, on: db)
      try await Self.append(
        .callMeeting, coop: coop, actor: actor, detail: "\(new.kind.rawValue): “\(new.title)” on \(new.day.iso)",
        env: env, on: db)
      return try await Self.meetings(coop, only: id, on: db)[0]
    }
  }

  /// Records one member's attendance, checked (`check`) against the meeting as it stands inside the
  /// transaction.
  public func recordAttendance(
    _ id: ID<Meeting>, permit: Permit, env: Effects,
    check: @escaping @Sendable (Meeting) throws -> NewAttendance.Valid
  ) async throws -> Meeting {
    guard case .runMeetings(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      guard let meeting = try await Self.meetings(coop, only: id, on: db).first else { throw CareError.notFound }
      let valid = try check(meeting)
      let row = MeetingAttendanceRow()
      (row.id, row.meetingID, row.memberID, row.way, row.proxyID) = (
        env.newID(), id.rawValue, valid.member.rawValue, valid.way.rawValue, valid.proxy?.rawValue
      )
      (row.recordedBy, row.recordedAt) = (actor.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .recordAttendance, coop: coop, actor: actor, detail: "“\(meeting.title)”: \(valid.way.rawValue)", env: env,
        on: db)
      return try await Self.meetings(coop, only: id, on: db)[0]
    }
  }

  /// Keeps a new version of the minutes (the notes `check` gives, checked against the meeting as it stands);
  /// two writers at the same moment keep one, by the unique index.
  public func writeMinutes(
    _ id: ID<Meeting>, permit: Permit, env: Effects, check: @escaping @Sendable (Meeting) throws -> [Int: String]
  ) async throws -> Meeting {
    guard case .runMeetings(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    let clash = FieldError("note-0", "Someone saved the minutes while you were writing: look again")
    return try await writeChecked(conflict: clash) { db in
      guard let meeting = try await Self.meetings(coop, only: id, on: db).first else { throw CareError.notFound }
      let notes = try check(meeting)
      let version = (meeting.latestMinutes?.version ?? 0) + 1
      let at = env.now()
      for (item, text) in notes.sorted(by: { $0.key < $1.key }) {
        let row = MeetingMinutesRow()
        (row.id, row.meetingID, row.version, row.item, row.text) = (env.newID(), id.rawValue, version, item, text)
        (row.writtenBy, row.writtenAt) = (actor.rawValue, at)
        try await row.create(on: db)
      }
      try await Self.append(
        .writeMinutes, coop: coop, actor: actor, detail: "“\(meeting.title)”: version \(version)", env: env, on: db)
      return try await Self.meetings(coop, only: id, on: db)[0]
    }
  }

  /// Records that meeting `at` approved `earlier`'s minutes as a true record: the version `check` gives,
  /// checked against both meetings as they stand inside the transaction; of two at once, one is kept (the
  /// unique index).
  public func approveMinutes(
    _ earlier: ID<Meeting>?, at meeting: ID<Meeting>, permit: Permit, env: Effects,
    check: @escaping @Sendable (_ earlier: Meeting, _ at: Meeting) throws -> Int
  ) async throws -> Meeting {
    guard case .runMeetings(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    let clash = FieldError("meeting", "Someone recorded the approval of those minutes just now: look again")
    return try await writeChecked(conflict: clash) { db in
      guard let approving = try await Self.meetings(coop, only: meeting, on: db).first else {
        throw CareError.notFound
      }
      guard let earlier, let approved = try await Self.meetings(coop, only: earlier, on: db).first else {
        throw CareError.invalid("meeting", "Choose one of the co-op's meetings held before this one")
      }
      let version = try check(approved, approving)
      let row = MinutesApprovalRow()
      (row.id, row.meetingID, row.version, row.atMeetingID) = (env.newID(), earlier.rawValue, version, meeting.rawValue)
      (row.recordedBy, row.recordedAt) = (actor.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .approveMinutes, coop: coop, actor: actor,
        detail: "“\(approved.title)”, version \(version), at “\(approving.title)”", env: env, on: db)
      return try await Self.meetings(coop, only: meeting, on: db)[0]
    }
  }

  static func meetings(_ coop: ID<Coop>, only: ID<Meeting>?, on db: any Database) async throws -> [Meeting] {
    var query = MeetingRow.query(on: db).filter(\.$coopID == coop.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    let rows = try await query.sort(\.$startsAt, .descending).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let ids = rows.compactMap(\.id)
    let items = Dictionary(
      grouping: try await MeetingItemRow.query(on: db).filter(\.$meetingID ~~ ids).sort(\.$number).all(),
      by: \.meetingID)
    let lines = Dictionary(
      grouping: try await MeetingAttendanceRow.query(on: db).filter(\.$meetingID ~~ ids).sort(\.$recordedAt)
        .sort(\.$id).all(), by: \.meetingID)
    let notes = Dictionary(
      grouping: try await MeetingMinutesRow.query(on: db).filter(\.$meetingID ~~ ids).sort(\.$version).all(),
      by: \.meetingID)
    let approvals = try await MinutesApprovalRow.query(on: db).filter(\.$meetingID ~~ ids).all()
    let approvingDays = Dictionary(
      uniqueKeysWithValues: try await MeetingRow.query(on: db).filter(\.$id ~~ approvals.map(\.atMeetingID)).all()
        .map { ($0.id!, CoopCalendar.london.day(of: $0.startsAt)) })
    let approvalOf = Dictionary(
      uniqueKeysWithValues: approvals.compactMap { a in
        approvingDays[a.atMeetingID].map { day in
          (
            a.meetingID,
            MinutesApproval(
              version: a.version, atMeetingID: CareCore.ID(a.atMeetingID), atDay: day,
              recordedBy: CareCore.ID(a.recordedBy), recordedAt: a.recordedAt)
          )
        }
      })
    return try rows.map { row in
      let versions = Dictionary(grouping: notes[row.id!] ?? [], by: \.version)
      var meeting = Meeting(
        id: CareCore.ID(row.id!), coopID: coop,
        kind: try StoreError.known(MeetingKind(rawValue: row.kind), "meetings.kind", row.kind), title: row.title,
        startsAt: row.startsAt, lengthMinutes: row.lengthMinutes, place: row.place, quorum: row.quorum,
        agenda: (items[row.id!] ?? []).map {
          AgendaItem(number: $0.number, title: $0.title, proposalID: $0.proposalID.map { CareCore.ID($0) })
        },
        calledBy: CareCore.ID(row.calledBy), calledAt: row.calledAt,
        attendance: try (lines[row.id!] ?? []).map { line in
          Attendance(
            memberID: CareCore.ID(line.memberID),
            way: try StoreError.known(AttendanceWay(rawValue: line.way), "meeting_attendance.way", line.way),
            proxyID: line.proxyID.map { CareCore.ID($0) }, recordedBy: CareCore.ID(line.recordedBy),
            recordedAt: line.recordedAt)
        },
        minutes: versions.keys.sorted().map { version in
          let rows = versions[version]!
          return MeetingMinutes(
            version: version, notes: Dictionary(uniqueKeysWithValues: rows.map { ($0.item, $0.text) }),
            writtenBy: CareCore.ID(rows[0].writtenBy), writtenAt: rows[0].writtenAt)
        })
      meeting.approval = approvalOf[row.id!]
      return meeting
    }
  }
}
