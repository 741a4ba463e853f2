import Foundation

/// A co-op setting the members change by a decision: the pay table, the rota's default flexibility, the
/// guide new circles start with. Each is a whole number (percent, minutes, a count, or 0/1 for no/yes).
public enum Setting: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case unsocialPercent
  case eveningFrom
  case morningUntil
  case weekends
  case travelPercent
  case contributionPercent
  case flexibility
  case circleWorkers
  case circleTeams
  case privilegedSecondStep
  case privilegedSecondApproval
  case meetingQuorumMembers
  case meetingQuorumPercent

  /// How the value is read and written.
  public enum Unit: Sendable, Hashable {
    case percent, clock, yesNo, minutes, count
    /// A percent of the members.
    case share
    /// A percent of what is invoiced.
    case invoiced
  }

  public var unit: Unit {
    switch self {
    case .unsocialPercent, .travelPercent: .percent
    case .eveningFrom, .morningUntil: .clock
    case .weekends: .yesNo
    case .flexibility: .minutes
    case .circleWorkers, .circleTeams: .count
    case .privilegedSecondStep, .privilegedSecondApproval: .yesNo
    case .meetingQuorumMembers: .count
    case .meetingQuorumPercent: .share
    case .contributionPercent: .invoiced
    }
  }

  /// The values allowed (a rate is never below zero).
  public var range: ClosedRange<Int> {
    switch self {
    case .unsocialPercent: 0...200
    case .travelPercent: 0...200
    case .eveningFrom: 12 * 60...24 * 60 - 1
    case .morningUntil: 0...12 * 60
    case .weekends: 0...1
    case .flexibility: 0...SupportPattern.longestFlexibility
    case .circleWorkers, .circleTeams: 1...100
    case .privilegedSecondStep, .privilegedSecondApproval: 0...1
    case .meetingQuorumMembers: 1...1_000
    case .meetingQuorumPercent: 0...100
    case .contributionPercent: 0...50
    }
  }

  /// The value until the members decide otherwise.
  public var standard: Int {
    switch self {
    case .unsocialPercent: PayTable.standard.unsocialPercent
    case .eveningFrom: PayTable.standard.eveningFrom
    case .morningUntil: PayTable.standard.morningUntil
    case .weekends: PayTable.standard.weekends ? 1 : 0
    case .travelPercent: PayTable.standard.travelPercent
    case .flexibility: 0
    case .circleWorkers: SizeGuide.standard.maxWorkers
    case .circleTeams: SizeGuide.standard.maxTeams
    case .privilegedSecondStep, .privilegedSecondApproval: 0
    // The model rules' usual quorum: the greater of 3 members or 10% of them.
    case .meetingQuorumMembers: 3
    case .meetingQuorumPercent: 10
    case .contributionPercent: Contribution.standardPercent
    }
  }

  public var label: String {
    switch self {
    case .unsocialPercent: "Extra pay for unsocial hours"
    case .eveningFrom: "Unsocial hours start in the evening at"
    case .morningUntil: "Unsocial hours end in the morning at"
    case .weekends: "Weekends are unsocial hours all day"
    case .travelPercent: "Pay for travel between visits"
    case .flexibility: "How much later a visit may be to keep a chosen worker, when a team has not said"
    case .circleWorkers: "Most workers in a new circle before it should split"
    case .circleTeams: "Most teams in a new circle before it should split"
    case .privilegedSecondStep:
      "The registered manager, safeguarding leads and the finance hat act only after a second step when signing in"
    case .privilegedSecondApproval:
      "The registered manager, safeguarding leads and the finance hat change hands only when a second hat holder approves"
    case .meetingQuorumMembers: "The fewest members who must take part for a members' meeting to decide"
    case .meetingQuorumPercent: "The share of members who must take part for a members' meeting to decide"
    case .contributionPercent: "The co-op's contribution: the share of what is invoiced kept to run the co-op"
    }
  }

  /// What the setting is part of, for grouping on the settings page.
  public var group: String {
    switch self {
    case .unsocialPercent, .eveningFrom, .morningUntil, .weekends, .travelPercent: "Pay"
    case .flexibility: "The rota"
    case .circleWorkers, .circleTeams: "Circles"
    case .privilegedSecondStep, .privilegedSecondApproval: "Security"
    case .meetingQuorumMembers, .meetingQuorumPercent: "Members' meetings"
    case .contributionPercent: "The co-op's money"
    }
  }

  /// How a value is typed on the proposal form.
  public var hint: String {
    switch unit {
    case .percent: "A percent of hourly pay, \(range.lowerBound) to \(range.upperBound)"
    case .clock:
      "A time like 20:00, from \(CoopCalendar.clockText(range.lowerBound)) to "
        + CoopCalendar.clockText(range.upperBound)
    case .yesNo: "yes or no"
    case .minutes: "Minutes, \(range.lowerBound) to \(range.upperBound)"
    case .count: "A number, \(range.lowerBound) to \(range.upperBound)"
    case .share: "A percent of the members, \(range.lowerBound) to \(range.upperBound)"
    case .invoiced: "A percent of what is invoiced, \(range.lowerBound) to \(range.upperBound)"
    }
  }

  /// A value in words: "25%", "20:00", "yes", "30 minutes", "12".
  public func text(_ value: Int) -> String {
    switch unit {
    case .percent, .share, .invoiced: "\(value)%"
    case .clock: CoopCalendar.clockText(value)
    case .yesNo: value == 0 ? "no" : "yes"
    case .minutes: value == 1 ? "1 minute" : "\(value) minutes"
    case .count: "\(value)"
    }
  }

  /// A typed value: a whole number; a time as HH:MM (or minutes after midnight); yes or no (or 1 or 0).
  public func parse(_ text: String) -> Int? {
    let text = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch unit {
    case .clock:
      return text.contains(":") ? CoopCalendar.minute(ofClock: text) : Int(text)
    case .yesNo:
      return ["yes": 1, "no": 0, "1": 1, "0": 0][text]
    case .percent, .share, .invoiced:
      return Int(text.hasSuffix("%") ? String(text.dropLast()) : text)
    case .minutes, .count:
      return Int(text)
    }
  }

  /// The label for a circle's own decision (its guide, not the one new circles start with).
  public var circleLabel: String {
    switch self {
    case .circleWorkers: "Most workers in this circle before it should split"
    case .circleTeams: "Most teams in this circle before it should split"
    default: label
    }
  }

  /// The settings a circle's own decision may change: its size guide (for the whole co-op, these are the
  /// guide new circles start with).
  public static let circleOwn: Set<Setting> = [.circleWorkers, .circleTeams]

  public static func < (a: Setting, b: Setting) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One setting's new value, as a proposal carries it.
public struct SettingChange: Sendable, Hashable, Codable {
  public let setting: Setting
  public let value: Int

  public init(_ setting: Setting, _ value: Int) {
    (self.setting, self.value) = (setting, value)
  }
}

/// A value a decision gave a setting, from a day on.
public struct SettingEntry: Sendable, Hashable {
  public let setting: Setting
  public let value: Int
  public let from: Day
  /// The decision that made it.
  public let proposalID: ID<Proposal>
  public let recordedAt: Date

  public init(setting: Setting, value: Int, from: Day, proposalID: ID<Proposal>, recordedAt: Date) {
    (self.setting, self.value, self.from, self.proposalID, self.recordedAt) = (
      setting, value, from, proposalID, recordedAt
    )
  }
}

/// The co-op's settings as decided: every value a decision gave, with the day it took effect. A value on a
/// day is the latest one in force by then (two decisions for the same day: the one counted last), or the
/// standard value if no decision has changed it.
public struct CoopSettings: Sendable, Hashable {
  public let entries: [SettingEntry]

  public init(_ entries: [SettingEntry]) {
    self.entries = entries.sorted { ($0.from, $0.recordedAt) < ($1.from, $1.recordedAt) }
  }

  public static let standard = CoopSettings([])

  /// The entry in force on `day`, if a decision has set one by then.
  public func entry(_ setting: Setting, on day: Day) -> SettingEntry? {
    entries.last { $0.setting == setting && $0.from <= day }
  }

  public func value(_ setting: Setting, on day: Day) -> Int {
    entry(setting, on: day)?.value ?? setting.standard
  }

  /// Every value the setting has had, oldest first.
  public func history(_ setting: Setting) -> [SettingEntry] {
    entries.filter { $0.setting == setting }
  }

  /// Values decided that take effect after `day`, soonest first.
  public func upcoming(after day: Day) -> [SettingEntry] {
    entries.filter { $0.from > day }
  }

  /// The pay table in force on a day.
  public func payTable(on day: Day) -> PayTable {
    PayTable(
      unsocialPercent: value(.unsocialPercent, on: day), eveningFrom: value(.eveningFrom, on: day),
      morningUntil: value(.morningUntil, on: day), weekends: value(.weekends, on: day) != 0,
      travelPercent: value(.travelPercent, on: day))
  }

  /// The quorum for a members' meeting of `members` voting members, called on a day.
  public func meetingQuorum(members: Int, on day: Day) -> Int {
    Meeting.quorum(
      members: members, least: value(.meetingQuorumMembers, on: day), percent: value(.meetingQuorumPercent, on: day))
  }

  /// The guide a new circle starts with, on a day.
  public func sizeGuide(on day: Day) -> SizeGuide {
    SizeGuide(maxWorkers: value(.circleWorkers, on: day), maxTeams: value(.circleTeams, on: day))
  }
}

extension NewProposal {
  /// The changes a proposal carries, typed by setting (`setting.rawValue` → typed text; empty: unchanged),
  /// checked with the day they take effect: after the poll's last day and within a year of it.
  static func validatedChanges(
    _ typed: [String: String], takesEffect: String?, closes: Day?, kind: ProposalKind?, redefining: Bool = false,
    into v: inout Validator
  ) -> (changes: [SettingChange], from: Day?) {
    var changes: [SettingChange] = []
    for (key, text) in typed.sorted(by: { $0.key < $1.key }) {
      guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      guard let setting = Setting(rawValue: key) else {
        v.add("changes", "Choose settings the co-op has")
        continue
      }
      guard let value = setting.parse(text), setting.range.contains(value) else {
        v.add("change-\(key)", "\(setting.label): \(setting.hint.prefix(1).lowercased() + setting.hint.dropFirst())")
        continue
      }
      changes.append(SettingChange(setting, value))
    }
    changes.sort { $0.setting < $1.setting }
    let settingsTyped = typed.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    if !settingsTyped && !redefining {
      if let takesEffect, !["", "--"].contains(takesEffect.trimmingCharacters(in: .whitespaces)) {
        v.add("takesEffect", "Only a proposal that changes a setting or a hat takes effect on a day: leave it empty")
      }
      return ([], nil)
    }
    if !settingsTyped {
      // A hat's definition alone (whose kind is checked with it).
    } else if kind == .election {
      v.add("changes", "An election fills seats: put a change of settings in a proposal of its own")
    } else if kind == .timePoll {
      v.add("changes", "A time poll finds a time: put a change of settings in a proposal of its own")
    }
    let from = v.day(takesEffect, field: "takesEffect", label: "the day the change takes effect")
    if let from, let closes, from <= closes || from > closes.adding(days: 366) {
      v.add("takesEffect", "The change must take effect after the poll's last day, and within a year of it")
    }
    return (changes, from)
  }
}
