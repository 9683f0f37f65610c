// Typed context pairs: the root layout provides the AppState, the conference layout its session.
import { createContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { ConferenceSession } from './session.svelte';

export const [getAppState, setAppState] = createContext<AppState>();
export const [getSession, setSession] = createContext<ConferenceSession>();
