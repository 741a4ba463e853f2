import Foundation

/// A time offered in a time poll: numbered from 1 in the order offered (the earlier offered wins a tie).
public struct MeetingTime: Sendable, Hashable {
  public let number: Int
  public let day: Day
  /// Minutes after midnight, London time.
  public let start: Int
  /// How long the meeting is, in minutes.
  public let minutes: Int

  public init(number: Int, day: Day, start: Int, minutes: Int) {
    (self.number, self.day, self.start, self.minutes) = (number, day, start, minutes)
  }

  /// "Wednesday 10 June 2026 at 18:30".
  public var text: String {
    let weekday = Weekday(rawValue: CoopCalendar.london.weekStart(of: day).days(to: day))?.name ?? ""
    return "\(weekday) \(day.longText) at \(CoopCalendar.clockText(start))"
  }

  public var startsAt: Date { CoopCalendar.london.instant(on: day, atMinute: start) }

  public static let fewest = 2
  public static let most = 6
  public static let shortest = 15
  public static let longest = 8 * 60
}

/// A member's answer to one time offered.
public enum TimeAnswer: String, Sendable, Hashable, Codable, CaseIterable {
  case yes
  case ifNeedBe = "if-need-be"
  case no

  public var label: String {
    switch self {
    case .yes: "Yes, I can come"
    case .ifNeedBe: "If need be"
    case .no: "No, I cannot come"
    }
  }
}

/// A member's answers to a time poll, one for each time offered in order; a new set replaces their last until
/// the poll closes (both are kept).
public struct TimeAnswers: Sendable, Hashable {
  public let voterID: ID<Account>
  public let answers: [TimeAnswer]
  public let way: VoteWay
  public let enteredBy: ID<Account>?
  public let at: Date

  public init(
    voterID: ID<Account>, answers: [TimeAnswer], way: VoteWay = .online, enteredBy: ID<Account>? = nil, at: Date
  ) {
    (self.voterID, self.answers, self.way, self.enteredBy, self.at) = (voterID, answers, way, enteredBy, at)
  }
}

extension NewProposal {
  /// A time poll's times as typed (each a day and a start, "18:30"); empty rows are left out.
  public struct TypedTime: Sendable, Hashable {
    public var day: String?
    public var start: String?

    public init(day: String?, start: String?) { (self.day, self.start) = (day, start) }

    var isEmpty: Bool {
      ["", "--"].contains((day ?? "").trimmingCharacters(in: .whitespaces))
        && (start ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }
  }

  /// The times of a time poll, checked: from 2 to 6, each after the poll's last day and within a year of it,
  /// no time twice, the meeting from 15 minutes to 8 hours. Only a time poll offers times.
  static func validatedTimes(
    _ typed: [TypedTime], minutes: Int?, closes: Day?, kind: ProposalKind?, into v: inout Validator
  ) -> [MeetingTime] {
    let given = typed.enumerated().filter { !$0.element.isEmpty }
    guard kind == .timePoll else {
      if kind != nil && (!given.isEmpty || minutes != nil) {
        v.add("times", "Only a time poll offers times: leave them empty")
      }
      return []
    }
    let length = minutes ?? 60
    if !(MeetingTime.shortest...MeetingTime.longest).contains(length) {
      v.add("meetingMinutes", "The meeting lasts from \(MeetingTime.shortest) to \(MeetingTime.longest) minutes")
    }
    var times: [MeetingTime] = []
    for (index, time) in given {
      let field = "time\(index + 1)"
      let day = v.day(time.day, field: field, label: "the day of time \(index + 1)")
      let start = CoopCalendar.minute(ofClock: (time.start ?? "").trimmingCharacters(in: .whitespaces))
      if start == nil { v.add("\(field)-start", "Give time \(index + 1)'s start like 18:30") }
      if let day, let closes, day <= closes || day > closes.adding(days: 366) {
        v.add(field, "Time \(index + 1) must be after the poll's last day, and within a year of it")
      }
      guard let day, let start else { continue }
      if times.contains(where: { $0.day == day && $0.start == start }) {
        v.add(field, "Time \(index + 1) is offered already: offer each time once")
        continue
      }
      times.append(MeetingTime(number: times.count + 1, day: day, start: start, minutes: length))
    }
    if given.count < MeetingTime.fewest || typed.count > MeetingTime.most {
      v.add("times", "Offer from \(MeetingTime.fewest) to \(MeetingTime.most) times to choose from")
    }
    return times
  }
}

extension Proposal {
  /// Whether answers to a time poll can be taken now: it is one, it is open, one answer a time.
  public func takesTimeAnswers(_ answers: Int, at now: Date) throws(CareError) {
    guard kind == .timePoll else {
      throw .conflict(FieldError("times", "This poll is not a time poll: give your answer instead"))
    }
    switch status(at: now) {
    case .upcoming: throw .conflict(FieldError("times", "The poll is not open yet"))
    case .closed: throw .conflict(FieldError("times", "The poll has closed: answers can no longer change"))
    case .open: break
    }
    guard answers == times.count else {
      throw .invalid("times", "Answer for each of the \(times.count) times")
    }
  }
}
