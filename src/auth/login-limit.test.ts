/**
 * The per-account login limit holds for every spelling of an address that can reach the account:
 * e-mails are normalised (NFKC, invisible characters dropped, lower case) for the limit and the
 * lookup alike, and compared exactly (binary on MySQL), so an accented or zero-width variant neither
 * gets fresh guesses at an account nor logs in as it (issue 8).
 */
import { request } from "node:http";
import { codes, startTestGateway, type GqlResult, type TestGateway } from "../../test/harness";
import { UserEmailExact1700000000100 } from "../migrations/1700000000100-user-email-exact";

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }`;

describe("login limit per account, whatever the e-mail is spelt like", () => {
  let t: TestGateway;
  beforeAll(async () => {
    // The per-address limit is kept out of the way: this is about the per-account one.
    t = await startTestGateway({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "5", LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "1000" });
  });
  afterAll(() => t.stop());

  const login = (email: string, password: string) => t.gql(LOGIN, { e: email, p: password });

  it("logs in through full-width, upper-case and invisible spellings of the same address", async () => {
    for (const email of ["REP2.COAL@DEMO.TEST", "ｒｅｐ２．ｃｏａｌ＠ｄｅｍｏ．ｔｅｓｔ", "rep2.coal@demo.test\u200b", "\u00adrep2.coal@demo.test ", "rep2.co\u200dal@demo.test"]) {
      const r = await login(email, "demo-password");
      expect(r.errors).toBeUndefined();
      expect(r.data.login.user.email).toBe("rep2.coal@demo.test");
    }
  });

  it("counts failures through every variant against the one account, and never lets a look-alike address in", async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await login("rep1.coal@demo.test", `guess-${i}`);
      expect(codes(wrong)).toEqual(["UNAUTHENTICATED"]);
    }
    // The right password, through the variants: the same account, so locked.
    for (const email of ["rep1.coal@demo.test", "REP1.coal@demo.test", "rep1.coal@demo.test\u200b", "rep1.coal\u202e@demo.test", "rep1.c\u00adoal@demo.test", "ｒｅｐ1.coal@demo.test"]) {
      const locked = await login(email, "demo-password");
      expect(codes(locked)).toEqual(["TOO_MANY_REQUESTS"]);
      expect(locked.data).toBeNull();
    }
    // An accented address is another address: it has no user, so it never logs in as rep1 (MySQL's
    // accent-insensitive collation used to find rep1 for it), with or without guesses spent through it.
    for (const email of ["rép1.coal@demo.test", "rep1.cöal@demo.test", "rep1.coal@démo.test"]) {
      for (let i = 0; i < 5; i++) {
        const r = await login(email, i === 4 ? "demo-password" : `guess-${i}`);
        expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
        expect(r.data).toBeNull();
      }
      const right = await login(email, "demo-password");
      expect(["UNAUTHENTICATED", "TOO_MANY_REQUESTS"]).toContain(codes(right)[0]);
      expect(right.data).toBeNull();
    }
    // Its own variants share its count.
    expect(codes(await login("REP1.CÖAL@DEMO.TEST", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
    // rep1 is still locked, and other accounts are not.
    expect(codes(await login("rep1.coal@demo.test", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
    expect((await login("rep2.coal@demo.test", "demo-password")).data.login.user.email).toBe("rep2.coal@demo.test");
  });

  it("normalises the addresses already stored, so that their users can still log in once lookups are exact", async () => {
    const db = t.gateway.services.db;
    await db.query("UPDATE users SET email = ? WHERE email = ?", ["Service.COAL@Demo.Test\u200b", "service.coal@demo.test"]);
    expect(codes(await login("service.coal@demo.test", "demo-password"))).toEqual(["UNAUTHENTICATED"]);
    const runner = db.createQueryRunner();
    try {
      await new UserEmailExact1700000000100().up(runner);
    } finally {
      await runner.release();
    }
    expect((await login("SERVICE.coal@demo.test", "demo-password")).data.login.user.email).toBe("service.coal@demo.test");
  });
});

describe("a locked account does not lock its owner out", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: "5" });
  });
  afterAll(() => t.stop());

  /** A login sent from another loopback address (all of 127.0.0.0/8 is this machine), as from another client. */
  const loginFrom = (localAddress: string, email: string, password: string) =>
    new Promise<GqlResult>((resolve, reject) => {
      const body = JSON.stringify({ query: LOGIN, variables: { e: email, p: password } });
      const req = request(t.url, { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ...JSON.parse(text) }));
      });
      req.on("error", reject);
      req.end(body);
    });

  it("lets the right password in from an address without failures, and gives every other address at most one guess", async () => {
    // Just below the limit the account is open, at it locked.
    for (let i = 0; i < 4; i++) expect(codes(await loginFrom("127.0.0.2", "exec@demo.test", `guess-${i}`))).toEqual(["UNAUTHENTICATED"]);
    expect((await loginFrom("127.0.0.3", "exec@demo.test", "demo-password")).data.login.user.email).toBe("exec@demo.test");
    for (let i = 0; i < 5; i++) expect(codes(await loginFrom("127.0.0.2", "exec@demo.test", `guess-${i}`))).toEqual(["UNAUTHENTICATED"]);
    // Locked: the attacker's address is refused even with the right password.
    expect(codes(await loginFrom("127.0.0.2", "exec@demo.test", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
    // A fresh address guessing wrong gets the same answer as the lock, and no second try.
    expect(codes(await loginFrom("127.0.0.4", "exec@demo.test", "wrong"))).toEqual(["TOO_MANY_REQUESTS"]);
    expect(codes(await loginFrom("127.0.0.4", "exec@demo.test", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
    // The owner, from an address without failures, gets in, and that clears the lock.
    const owner = await loginFrom("127.0.0.5", "exec@demo.test", "demo-password");
    expect(owner.errors).toBeUndefined();
    expect(owner.data.login.user.email).toBe("exec@demo.test");
  });

  it("marks a fresh address that guessed through the lock, even with guesses sent at once", async () => {
    for (let i = 0; i < 5; i++) await loginFrom("127.0.0.6", "head.coal@demo.test", `guess-${i}`);
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => loginFrom("127.0.0.7", "head.coal@demo.test", `burst-${i}`)));
    expect(burst.flatMap(codes)).toEqual(Array(6).fill("TOO_MANY_REQUESTS"));
    expect(codes(await loginFrom("127.0.0.7", "head.coal@demo.test", "demo-password"))).toEqual(["TOO_MANY_REQUESTS"]);
    expect((await loginFrom("127.0.0.8", "head.coal@demo.test", "demo-password")).data.login.user.email).toBe("head.coal@demo.test");
  });
});
