import CareCore
import CareStore
import Foundation

/// The co-op's members' meetings, the latest first; for those who run them, what calling one needs.
public struct MeetingsModel: Sendable {
  public let meetings: [Meeting]
  public let now: Date
  public let mayRun: Bool
  /// For the call form: proposals still to be decided (open or not yet open), which an agenda may take.
  public let proposals: [Proposal]
  /// Voting members today, and the quorum a meeting called today would have.
  public let members: Int
  public let quorum: Int
  /// The first day a meeting called today may be held.
  public let firstDay: Day
}

/// One meeting: its notice and agenda, who came and whether it is quorate, the minutes, and the decisions on
/// its agenda with their results.
public struct MeetingModel: Sendable {
  public let meeting: Meeting
  public let coop: Coop
  public let status: Meeting.Status
  public let now: Date
  public let mayRun: Bool
  /// The voting members, by name (attendance is taken from them).
  public let members: [Account]
  /// Voting members without an e-mail address: their notice goes on paper.
  public let byPost: [Account]
  /// The proposals on the agenda, by id.
  public let proposals: [ID<Proposal>: Proposal]
  public let names: [ID<Account>: String]

  /// For those who run it, once it has begun: earlier meetings whose minutes it may approve. And the earlier
  /// meetings whose minutes it approved.
  public var toApprove: [Meeting] = []
  public var approvedHere: [Meeting] = []

  public var takesAttendance: Bool { mayRun && meeting.takesAttendance(at: now) }
  public var takesMinutes: Bool { mayRun && meeting.takesMinutes(at: now) }

  public func name(_ id: ID<Account>?) -> String { id.flatMap { names[$0] } ?? "someone no longer with the co-op" }
}

/// Members' meetings, as the rules of a registered society ask: called with at least 14 clear days' notice to
/// every member (a message and an e-mail; a printed notice for those without an address), an agenda that can
/// carry the proposals to decide, attendance and the quorum the co-op's settings give, and minutes in versions.
extension Cases {
  public func meetings(by requester: Requester) async throws -> MeetingsModel {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    let mayRun = allows(requester, .runMeetings(coop: requester.coopID))
    let now = effects.now()
    let members = try await store.votingMembers(coop: requester.coopID, on: today).count
    return MeetingsModel(
      meetings: try await store.meetings(permit: permit), now: now, mayRun: mayRun,
      proposals: mayRun ? try await meetingProposals(permit, now: now) : [], members: members,
      quorum: try await coopSettings(requester.coopID).meetingQuorum(members: members, on: today),
      firstDay: Meeting.firstDay(calledOn: today))
  }

  public func meeting(_ id: ID<Meeting>, by requester: Requester) async throws -> MeetingModel {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let meeting = try await store.meeting(id, permit: permit),
      let coop = try await store.coop(requester.coopID)
    else { throw CareError.notFound }
    let mayRun = allows(requester, .runMeetings(coop: requester.coopID))
    let voting = Set(try await store.votingMembers(coop: requester.coopID, on: today))
    let members = mayRun ? try await store.accounts(coop: requester.coopID).filter { voting.contains($0.id) } : []
    var proposals: [ID<Proposal>: Proposal] = [:]
    for id in meeting.agenda.compactMap(\.proposalID) {
      proposals[id] = try await store.proposal(id, permit: permit)
    }
    let people =
      [meeting.calledBy] + meeting.attendance.flatMap { [$0.memberID, $0.recordedBy] + [$0.proxyID].compactMap { $0 } }
      + meeting.minutes.map(\.writtenBy)
    var model = MeetingModel(
      meeting: meeting, coop: coop, status: meeting.status(at: effects.now()), now: effects.now(), mayRun: mayRun,
      members: members, byPost: members.filter { ($0.email ?? "").isEmpty }, proposals: proposals,
      names: try await store.accountNames(Array(Set(people + [meeting.approval?.recordedBy].compactMap { $0 }))))
    let all = try await store.meetings(permit: permit)
    model.approvedHere = all.filter { $0.approval?.atMeetingID == meeting.id }
    if model.takesMinutes { model.toApprove = meeting.minutesToApprove(among: all) }
    return model
  }

  /// Records that the meeting approved an earlier meeting's minutes as a true record, as they stood at
  /// `version` (the version read out): once it has begun and is quorate.
  @discardableResult
  public func approveMinutes(of earlier: String?, version: Int?, at id: ID<Meeting>, by requester: Requester)
    async throws -> Meeting
  {
    let permit = try AccessPolicy.permit(requester, .runMeetings(coop: requester.coopID))
    let now = effects.now()
    return try await store.approveMinutes(
      earlier.flatMap { ID<Meeting>(string: $0) }, at: id, permit: permit, env: effects
    ) { earlier, approving in
      try approving.checkApproval(of: earlier, version: version, at: now)
    }
  }

  /// Whether the requester runs meetings: asked before a body is read.
  public func checkMayRunMeetings(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .runMeetings(coop: requester.coopID))
  }

  /// Calls a meeting: checked (notice, agenda, the proposals named), kept with the quorum the co-op's settings
  /// give for today's members, and notice sent to every voting member.
  @discardableResult
  public func callMeeting(_ new: NewMeeting, by requester: Requester) async throws -> Meeting {
    let permit = try AccessPolicy.permit(requester, .runMeetings(coop: requester.coopID))
    let read = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    let known = try await meetingProposals(read, now: effects.now())
    // The decisions go on the agenda in the order they were proposed, however the form sent them.
    var new = new
    let order = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1.id.description, $0) })
    new.proposals.sort { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
    let valid = try new.validated(
      today: today, proposals: Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0.title) }))
    let members = try await store.votingMembers(coop: requester.coopID, on: today)
    let quorum = try await coopSettings(requester.coopID).meetingQuorum(members: members.count, on: today)
    let startsAt = CoopCalendar.london.instant(on: valid.day, atMinute: valid.startMinute)
    let links = self.links
    let body = Self.noticeText(valid, quorum: quorum)
    return try await store.callMeeting(
      valid, startsAt: startsAt, quorum: quorum,
      messages: { id in
        members.map { member in
          NewMessage(
            to: member, subject: "Notice of the \(valid.kind.label.lowercased()): \(valid.day.longText)",
            body: body, link: links.meetingPath(id))
        }
      }, mailJob: Self.mailJob, permit: permit, env: effects)
  }

  /// Records one member's attendance (a correction: a new line for them).
  @discardableResult
  public func recordAttendance(_ id: ID<Meeting>, _ entry: NewAttendance, by requester: Requester) async throws
    -> Meeting
  {
    let permit = try AccessPolicy.permit(requester, .runMeetings(coop: requester.coopID))
    let members = Set(try await store.votingMembers(coop: requester.coopID, on: today))
    let now = effects.now()
    return try await store.recordAttendance(id, permit: permit, env: effects) { meeting in
      try entry.validated(for: meeting, members: members, now: now)
    }
  }

  /// Keeps a new version of the minutes, based on the version the writer saw.
  @discardableResult
  public func writeMinutes(_ id: ID<Meeting>, _ minutes: NewMinutes, by requester: Requester) async throws -> Meeting {
    let permit = try AccessPolicy.permit(requester, .runMeetings(coop: requester.coopID))
    let now = effects.now()
    return try await store.writeMinutes(id, permit: permit, env: effects) { meeting in
      try minutes.validated(for: meeting, now: now)
    }
  }

  /// Proposals an agenda may take: those not yet closed.
  func meetingProposals(_ permit: Permit, now: Date) async throws -> [Proposal] {
    try await store.proposals(permit: permit).filter { $0.status(at: now) != .closed }
  }

  /// The notice's words, for the message and the mail: when, where, the agenda, the quorum and proxies.
  static func noticeText(_ meeting: NewMeeting.Valid, quorum: Int) -> String {
    let end = meeting.startMinute + meeting.lengthMinutes
    return "The \(meeting.kind.label.lowercased()) “\(meeting.title)” is on \(meeting.day.longText), from "
      + "\(CoopCalendar.clockText(meeting.startMinute)) to \(CoopCalendar.clockText(end % (24 * 60))), at "
      + "\(meeting.place).\n\nThe agenda:\n"
      + meeting.agenda.map { "\($0.number). \($0.title)" }.joined(separator: "\n")
      + "\n\nIt decides only if \(quorum) member\(quorum == 1 ? "" : "s") take part, in person or by proxy. "
      + "If you cannot come, another member who comes may hold your proxy and vote for you: tell the co-op "
      + "who, before the meeting."
  }
}
