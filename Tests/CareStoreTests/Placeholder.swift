import Testing
@testable import CareStore
@Test func placeholder() {}
