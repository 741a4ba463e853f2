/// The co-op's own rules on top of the routing problem: what each person asks for, and each
/// carer's zone of consent. Wishes and consent are hard where they say "never" (declined carers,
/// people, tasks, hours and journeys a carer has not agreed to) and soft where they say "rather"
/// (preferred carers, and the extra time a person accepts to keep one).
extension RotaProblem {
  public struct Wishes: Sendable, Hashable {
    /// The carers the person chose. Any other carer's visit (but their named backup's) costs `preferenceWeight`.
    public var preferred: Set<Int>
    /// Carers the person said no to: never sent.
    public var declined: Set<Int>
    /// Minutes later than the window the person accepts when the visit is by a preferred carer
    /// ("I'll stay in bed 45 minutes longer to keep Amina").
    public var flexibility: Double

    public init(preferred: Set<Int> = [], declined: Set<Int> = [], flexibility: Double = 0) {
      self.preferred = preferred
      self.declined = declined
      self.flexibility = flexibility
    }
  }

  /// A carer's zone of consent: whom, what, when and how far. Nil means no limit.
  public struct Consent: Sendable, Hashable {
    public var people: Set<Int>?
    /// Skills (tasks) they agree to do.
    public var tasks: Set<Int>?
    /// Working hours each day: not leaving base before `from`, back by `until` (minutes).
    public var from: Double?
    public var until: Double?
    /// The longest single journey they accept, between homes or to and from base (minutes).
    public var maxJourney: Double?

    public init(
      people: Set<Int>? = nil, tasks: Set<Int>? = nil, from: Double? = nil, until: Double? = nil,
      maxJourney: Double? = nil
    ) {
      self.people = people
      self.tasks = tasks
      self.from = from
      self.until = until
      self.maxJourney = maxJourney
    }
  }
}

/// The rules turned into flat tables the search reads in its inner loop (empty when an instance has none).
struct CareRules: Sendable {
  var carers = 0
  /// barred[service * carers + carer]: the carer may never do this visit.
  var barred: [Bool] = []
  /// chosen[service * carers + carer]: the person prefers this carer (only for people with preferences).
  var chosen: [Bool] = []
  var hasPreferences: [Bool] = []
  var flexibility: [Double] = []
  var weight = 0.0
  /// Per shift: when it may start, when it must be back, the longest journey (∞ when unlimited).
  var start: [Double] = []
  var end: [Double] = []
  var maxJourney: [Double] = []

  init() {}

  init(_ p: RotaProblem) {
    carers = p.carers.count
    weight = p.preferenceWeight
    start = p.shifts.map { max($0.start, p.consent[$0.carer]?.from ?? 0) }
    end = p.shifts.map { min($0.maxDuration, p.consent[$0.carer]?.until ?? .infinity) }
    maxJourney = p.shifts.map { p.consent[$0.carer]?.maxJourney ?? .infinity }
    guard !p.wishes.isEmpty || !p.consent.isEmpty else { return }
    barred = [Bool](repeating: false, count: p.services.count * carers)
    chosen = barred
    hasPreferences = [Bool](repeating: false, count: p.services.count)
    flexibility = [Double](repeating: 0, count: p.services.count)
    for (s, service) in p.services.enumerated() {
      let wishes = p.wishes[service.person]
      hasPreferences[s] = !(wishes?.preferred.isEmpty ?? true)
      flexibility[s] = wishes?.flexibility ?? 0
      for carer in 0..<carers {
        let consent = p.consent[carer]
        barred[s * carers + carer] =
          (wishes?.declined.contains(carer) ?? false) || !(consent?.people?.contains(service.person) ?? true)
          || !(consent?.tasks?.contains(service.skill) ?? true)
        // The named backup is the person's choice too: their visits cost nothing extra.
        chosen[s * carers + carer] = (wishes?.preferred.contains(carer) ?? false) || p.backup[service.person] == carer
      }
    }
  }

  func isBarred(_ s: Int, _ carer: Int) -> Bool { !barred.isEmpty && barred[s * carers + carer] }

  /// Minutes late, allowing the person's flexibility when the visit is by a carer they chose.
  func lateness(_ s: Int, carer: Int, start: Double, latest: Double) -> Double {
    guard !chosen.isEmpty, flexibility[s] > 0, chosen[s * carers + carer] else { return max(0, start - latest) }
    return max(0, start - latest - flexibility[s])
  }

  /// The cost of this carer doing the visit when the person chose others.
  func preference(_ s: Int, carer: Int) -> Double {
    guard !chosen.isEmpty, hasPreferences[s], !chosen[s * carers + carer] else { return 0 }
    return weight
  }
}
