import Foundation

/// A place on the map (WGS 84 degrees), entered by a coordinator or found from a postcode.
public struct GeoPoint: Hashable, Sendable, Codable {
  public let latitude: Double
  public let longitude: Double

  /// Nil unless latitude is within ±90 and longitude within ±180 (and both are numbers).
  public init?(latitude: Double, longitude: Double) {
    guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude)
    else { return nil }
    self.latitude = latitude
    self.longitude = longitude
  }

  /// Great-circle distance in kilometres (haversine on a sphere of the Earth's mean radius).
  public func kilometres(to other: GeoPoint) -> Double {
    let r = 6371.0088  // mean Earth radius, km (IUGG: R1 = (2a + b) / 3 for WGS 84)
    let lat1 = latitude * .pi / 180
    let lat2 = other.latitude * .pi / 180
    let dLat = lat2 - lat1
    let dLon = (other.longitude - longitude) * .pi / 180
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * r * asin(min(1, sqrt(h)))
  }
}

/// Where a person supported lives: what a worker needs to find the door, and what the planner needs.
public struct Home: Hashable, Sendable, Codable {
  public var address: String
  public var postcode: String
  public var position: GeoPoint
  /// Things a worker may not agree to (their zone of consent says).
  public var hasPets: Bool
  public var someoneSmokes: Bool

  public init(address: String, postcode: String, position: GeoPoint, hasPets: Bool = false, someoneSmokes: Bool = false)
  {
    self.address = address
    self.postcode = postcode
    self.position = position
    self.hasPets = hasPets
    self.someoneSmokes = someoneSmokes
  }
}

/// How a worker gets from one home to the next.
public enum TravelMode: String, Sendable, Codable, CaseIterable, Hashable {
  case walk, cycle, publicTransport, drive

  /// Door-to-door speed over the road distance, km/h. Planning figures, not measurements of this co-op:
  /// - walk 4.8 km/h: the "10 minutes, about 800 m" walking distance of the Department for Transport's
  ///   *Manual for Streets* (2007, §4.4.1).
  /// - cycle 16 km/h (10 mph): an assumed urban average including stops; no single official source.
  /// - public transport 12 km/h: an assumed door-to-door figure including walking to the stop and waiting
  ///   (local buses' own running speeds are higher); assumption.
  /// - drive 30 km/h: an assumed urban average including parking; assumption.
  /// A routing engine can replace all of this through `TravelTimes` without touching the planner.
  public var kilometresPerHour: Double {
    switch self {
    case .walk: 4.8
    case .cycle: 16
    case .publicTransport: 12
    case .drive: 30
    }
  }

  /// How it reads after a time: "12 minutes on foot".
  public var label: String {
    switch self {
    case .walk: "on foot"
    case .cycle: "by bike"
    case .publicTransport: "by bus or train"
    case .drive: "by car"
    }
  }

  /// The slowest first: a plan timed at the slowest mode among its workers holds for everyone.
  public static func slowest(_ modes: some Sequence<TravelMode>) -> TravelMode? {
    modes.min { $0.kilometresPerHour < $1.kilometresPerHour }
  }
}

/// Minutes from one place to another for a way of travelling: the one interface the planner asks.
public protocol TravelTimes: Sendable {
  func minutes(from: GeoPoint, to: GeoPoint, by mode: TravelMode) -> Int
}

/// Straight-line distance × a road factor, at the mode's speed, rounded up to a whole minute.
public struct StraightLineTravel: TravelTimes {
  /// Road distance over straight-line distance. 1.4: Boscoe, Henry & Zdeb, "A nationwide comparison of
  /// driving distance versus straight-line distance to hospitals", *The Professional Geographer* 64(2),
  /// 2012, found a mean ratio of about 1.4 across the United States; British towns are of the same kind.
  public var roadFactor: Double

  public init(roadFactor: Double = 1.4) { self.roadFactor = roadFactor }

  public func minutes(from: GeoPoint, to: GeoPoint, by mode: TravelMode) -> Int {
    guard from != to else { return 0 }
    let km = from.kilometres(to: to) * roadFactor
    // A hair below, so 7.0000000001 minutes of floating-point arithmetic is 7, not 8.
    return Int((km / mode.kilometresPerHour * 60 - 1e-9).rounded(.up))
  }
}
