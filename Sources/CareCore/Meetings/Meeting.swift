import Foundation

/// A meeting of the co-op's members: the annual general meeting the rules require once a year, or a general
/// meeting called between them.
public enum MeetingKind: String, Sendable, Hashable, Codable, CaseIterable {
  case annual
  case general

  public var label: String {
    switch self {
    case .annual: "Annual general meeting"
    case .general: "General meeting"
    }
  }

  /// The agenda a new meeting of the kind starts with (the one calling it changes it as they like).
  public var usualAgenda: [String] {
    switch self {
    case .annual:
      [
        "Welcome, and apologies from those who cannot come", "The minutes of the last general meeting",
        "The year's report and the accounts", "Electing members to the hats whose terms end",
        "Any other business",
      ]
    case .general: ["Welcome, and apologies from those who cannot come", "Any other business"]
    }
  }
}

/// How a member took part in a meeting: came, sent a proxy (another member who came and votes for them), or
/// sent apologies. Those who came and those represented by a proxy count towards the quorum.
public enum AttendanceWay: String, Sendable, Hashable, Codable, CaseIterable {
  case present, proxy, apologies

  public var label: String {
    switch self {
    case .present: "Came"
    case .proxy: "Represented by a proxy"
    case .apologies: "Sent apologies"
    }
  }

  public var counts: Bool { self != .apologies }
}

/// One line of the attendance record. A correction is a new line for the same member: the latest stands.
public struct Attendance: Sendable, Hashable {
  public let memberID: ID<Account>
  public let way: AttendanceWay
  /// For a proxy: the member who came and holds it.
  public let proxyID: ID<Account>?
  public let recordedBy: ID<Account>
  public let recordedAt: Date

  public init(
    memberID: ID<Account>, way: AttendanceWay, proxyID: ID<Account>?, recordedBy: ID<Account>, recordedAt: Date
  ) {
    (self.memberID, self.way, self.proxyID, self.recordedBy, self.recordedAt) = (
      memberID, way, proxyID, recordedBy, recordedAt
    )
  }
}

/// One item of business, numbered from 1; a decision the members make at the meeting links to its proposal.
public struct AgendaItem: Sendable, Hashable {
  public let number: Int
  public let title: String
  public let proposalID: ID<Proposal>?

  public init(number: Int, title: String, proposalID: ID<Proposal>?) {
    (self.number, self.title, self.proposalID) = (number, title, proposalID)
  }
}

/// The minutes as written (or corrected) once: a note for each agenda item, and an opening note (item 0: who
/// chaired, anything said before the business). Earlier versions are kept; the latest stands.
public struct MeetingMinutes: Sendable, Hashable {
  public let version: Int
  public let notes: [Int: String]
  public let writtenBy: ID<Account>
  public let writtenAt: Date

  public init(version: Int, notes: [Int: String], writtenBy: ID<Account>, writtenAt: Date) {
    (self.version, self.notes, self.writtenBy, self.writtenAt) = (version, notes, writtenBy, writtenAt)
  }

  public func note(_ item: Int) -> String { notes[item] ?? "" }

  /// The opening note's number.
  public static let opening = 0
}

/// A members' meeting: called with notice to every member (by message and e-mail, and on paper for those
/// without), its agenda, who came, whether it was quorate, and its minutes with the decisions linked.
public struct Meeting: Sendable, Hashable, Identifiable {
  public let id: CareCore.ID<Meeting>
  public let coopID: CareCore.ID<Coop>
  public let kind: MeetingKind
  public let title: String
  public let startsAt: Date
  public let lengthMinutes: Int
  public let place: String
  /// How many members must take part (came, or by proxy) for it to decide: fixed when it is called, from
  /// the co-op's settings and the members then.
  public let quorum: Int
  public let agenda: [AgendaItem]
  public let calledBy: CareCore.ID<Account>
  /// When notice was given.
  public let calledAt: Date
  /// Every line recorded, oldest first.
  public let attendance: [Attendance]
  /// Every version, oldest first.
  public let minutes: [MeetingMinutes]
  /// Once a later meeting approved the minutes as a true record: which version, and where.
  public var approval: MinutesApproval? = nil

  public init(
    id: CareCore.ID<Meeting>, coopID: CareCore.ID<Coop>, kind: MeetingKind, title: String, startsAt: Date,
    lengthMinutes: Int,
    place: String, quorum: Int, agenda: [AgendaItem], calledBy: CareCore.ID<Account>, calledAt: Date,
    attendance: [Attendance], minutes: [MeetingMinutes]
  ) {
    (self.id, self.coopID, self.kind, self.title, self.startsAt, self.lengthMinutes, self.place) = (
      id, coopID, kind, title, startsAt, lengthMinutes, place
    )
    (self.quorum, self.agenda, self.calledBy, self.calledAt, self.attendance, self.minutes) = (
      quorum, agenda, calledBy, calledAt, attendance, minutes
    )
  }

  public var endsAt: Date { startsAt.addingTimeInterval(TimeInterval(lengthMinutes * 60)) }

  /// Each member's latest line, in the order they were first recorded.
  public var standing: [Attendance] {
    var latest: [CareCore.ID<Account>: Attendance] = [:]
    var order: [CareCore.ID<Account>] = []
    for line in attendance {
      if latest[line.memberID] == nil { order.append(line.memberID) }
      latest[line.memberID] = line
    }
    return order.map { latest[$0]! }
  }

  /// How many count towards the quorum: those who came and those represented by a proxy.
  public var takingPart: Int { standing.filter(\.way.counts).count }
  public var isQuorate: Bool { takingPart >= quorum }

  public var latestMinutes: MeetingMinutes? { minutes.last }

  public enum Status: String, Sendable, Hashable {
    /// Notice given; not yet begun.
    case called
    /// Under way: attendance is being taken.
    case underWay = "under-way"
    case held
  }

  public func status(at now: Date) -> Status {
    now < startsAt ? .called : now < endsAt ? .underWay : .held
  }

  /// Attendance is taken from an hour before the start (members arrive early), and corrected any time after.
  public func takesAttendance(at now: Date) -> Bool { now >= startsAt.addingTimeInterval(-3_600) }

  /// Minutes are written once it has begun.
  public func takesMinutes(at now: Date) -> Bool { now >= startsAt }

  /// Clear days of notice every member must have: neither the day notice is given nor the meeting's day
  /// counts, so a meeting is at least 15 days after the day it is called.
  public static let noticeDays = 14
  public static let furthestAheadDays = 366
  public static let longestTitle = 120
  public static let longestPlace = 200
  public static let longestItem = 200
  public static let mostItems = 20
  public static let longestNote = 8_000
  public static let lengths = 15...480

  /// The quorum for a meeting of `members` voting members: the greater of the least number and the share
  /// (a percent, rounded up) the co-op's settings give.
  public static func quorum(members: Int, least: Int, percent: Int) -> Int {
    max(least, (members * percent + 99) / 100)
  }

  /// The first day a meeting called on `day` may be held.
  public static func firstDay(calledOn day: Day) -> Day { day.adding(days: noticeDays + 1) }
}
