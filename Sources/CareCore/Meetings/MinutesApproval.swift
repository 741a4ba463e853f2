import Foundation

/// A later meeting's approval of a meeting's minutes as a true record: the version approved, the meeting that
/// approved it (and its day), and who recorded it. Approved minutes stay as they are.
public struct MinutesApproval: Sendable, Hashable {
  public let version: Int
  public let atMeetingID: ID<Meeting>
  public let atDay: Day
  public let recordedBy: ID<Account>
  public let recordedAt: Date

  public init(version: Int, atMeetingID: ID<Meeting>, atDay: Day, recordedBy: ID<Account>, recordedAt: Date) {
    (self.version, self.atMeetingID, self.atDay, self.recordedBy, self.recordedAt) = (
      version, atMeetingID, atDay, recordedBy, recordedAt
    )
  }
}

extension Meeting {
  /// The minutes as approved (the version the approval names), or nil while not approved.
  public var approvedMinutes: MeetingMinutes? {
    approval.flatMap { approval in minutes.first { $0.version == approval.version } }
  }

  /// Earlier meetings whose minutes this meeting may approve: held before it, with minutes, not yet approved.
  public func minutesToApprove(among meetings: [Meeting]) -> [Meeting] {
    meetings.filter { $0.id != id && $0.endsAt <= startsAt && $0.latestMinutes != nil && $0.approval == nil }
      .sorted { $0.startsAt > $1.startsAt }
  }

  /// Checks that this meeting, at `now`, may approve `earlier`'s minutes as they stood at `version` (the
  /// version the members read): the meeting has begun and is quorate; the earlier one was held before it and
  /// has minutes not yet approved; they have not changed since they were read. Gives the version approved.
  public func checkApproval(of earlier: Meeting, version: Int?, at now: Date) throws(CareError) -> Int {
    guard let version, version > 0 else {
      throw .invalid("meeting", "Say which version of the minutes the members read")
    }
    guard earlier.id != id, earlier.endsAt <= startsAt else {
      throw .invalid("meeting", "Choose a meeting held before this one: minutes are approved at a later meeting")
    }
    guard takesMinutes(at: now) else {
      throw .conflict(FieldError("meeting", "This meeting has not begun: approve minutes once it has"))
    }
    guard isQuorate else {
      throw .conflict(
        FieldError(
          "meeting",
          "This meeting is not quorate (\\(takingPart) of \\(quorum) taking part): it cannot approve minutes yet"))
    }
    guard let latest = earlier.latestMinutes else {
      throw .conflict(FieldError("meeting", "That meeting has no minutes yet: write them first"))
    }
    if let approval = earlier.approval {
      throw .conflict(
        FieldError("meeting", "Those minutes were approved already, at the meeting on \\(approval.atDay.longText)"))
    }
    guard latest.version == version else {
      throw .conflict(
        FieldError("meeting", "The minutes were changed after the members read them: read the latest version out"))
    }
    return version
  }
}
