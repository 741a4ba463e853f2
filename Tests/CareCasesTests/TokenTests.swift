import Testing

@testable import CareCases

@Suite("Tokens")
struct TokenTests {
  /// Stored session, reset and confirmation tokens are looked up by this hash: it must stay SHA-256 in
  /// lower-case hex (FIPS 180-2's test vectors), or every session in the database would stop working.
  @Test(arguments: [
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  ])
  func theHashIsSHA256InLowerCaseHex(token: String, expected: String) {
    #expect(Tokens.hash(token) == expected)
  }
}
