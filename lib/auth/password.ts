import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so no native build step on install. Cost 10 ≈ 60–80 ms per hash here.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
