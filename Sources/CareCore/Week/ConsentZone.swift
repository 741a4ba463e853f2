import Foundation

/// When a worker can work on one day of the week: from and until, minutes after local midnight.
public struct AvailableTime: Hashable, Sendable, Codable {
  public var day: Weekday
  public var from: Int
  public var until: Int

  public init(day: Weekday, from: Int, until: Int) {
    self.day = day
    self.from = from
    self.until = until
  }
}

/// What a worker agrees to, kept by the worker: when they can work, how much, how they travel and how
/// far, what they will do, and in which homes. Whom they work for is not kept here: it is the people in
/// whose team they hold an accepted place, and — when `coversInCircle` — others in their circle for cover.
/// The rota never breaks it.
public struct ConsentZone: Hashable, Sendable, Codable {
  /// At most one stretch a day.
  public var availability: [AvailableTime]
  public var mostMinutesAWeek: Int
  public var travelMode: TravelMode
  /// Where their working day starts and ends (their home, or wherever they choose to give).
  public var base: GeoPoint
  /// The longest single journey they accept, minutes at their own way of travelling.
  public var longestJourney: Int
  public var tasks: Set<VisitTask>
  public var petsAreFine: Bool
  public var smokingIsFine: Bool
  public var coversInCircle: Bool

  public init(
    availability: [AvailableTime], mostMinutesAWeek: Int, travelMode: TravelMode, base: GeoPoint,
    longestJourney: Int, tasks: Set<VisitTask>, petsAreFine: Bool = true, smokingIsFine: Bool = false,
    coversInCircle: Bool = false
  ) {
    self.availability = availability
    self.mostMinutesAWeek = mostMinutesAWeek
    self.travelMode = travelMode
    self.base = base
    self.longestJourney = longestJourney
    self.tasks = tasks
    self.petsAreFine = petsAreFine
    self.smokingIsFine = smokingIsFine
    self.coversInCircle = coversInCircle
  }

  public func available(on day: Weekday) -> AvailableTime? { availability.first { $0.day == day } }

  /// Whether the home is one they agreed to work in.
  public func accepts(_ home: Home) -> Bool {
    (petsAreFine || !home.hasPets) && (smokingIsFine || !home.someoneSmokes)
  }

  /// Whether they agree to every task of the visit.
  public func accepts(_ visit: VisitPattern) -> Bool { visit.tasks.isSubset(of: tasks) }

  public var problems: [FieldError] {
    var found: [FieldError] = []
    func add(_ field: String, _ message: String) { found.append(FieldError(field, message)) }
    for (i, a) in availability.enumerated() {
      let f = "availability[\(i)]"
      if !(0..<(24 * 60)).contains(a.from) { add("\(f).from", "\(a.day.name): the start must be a time of day") }
      if !(1...(24 * 60)).contains(a.until) { add("\(f).until", "\(a.day.name): the end must be a time of day") }
      if a.until <= a.from { add("\(f).until", "\(a.day.name): the end must be after the start") }
    }
    for day in Weekday.allCases where availability.filter({ $0.day == day }).count > 1 {
      add("availability", "\(day.name) is given twice: give one stretch a day")
    }
    if !(0...(60 * 60)).contains(mostMinutesAWeek) {
      add("mostMinutesAWeek", "Most hours a week must be 0 to 60")
    }
    if !(1...240).contains(longestJourney) { add("longestJourney", "The longest journey must be 1 to 240 minutes") }
    return found
  }

  public func validated() throws(CareError) -> ConsentZone {
    let found = problems
    guard found.isEmpty else { throw CareError.invalid(found) }
    return self
  }
}
