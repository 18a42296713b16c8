// The shell needs no asynchronous boundary: it is not a federated build, remotes get its shared
// modules through the federation runtime when the first one loads (federation/sharedModules.ts).
import './bootstrap';
