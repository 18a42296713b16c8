/** Who did something, as it is recorded: a user entity ref or a service subject. */
export type Actor = string;
