// App-wide notices (server trouble), read by <NoticeBar> through useSyncExternalStore.
type Listener = () => void;

class Notices {
  private trouble = false;
  private readonly listeners = new Set<Listener>();

  getTrouble = (): boolean => this.trouble;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  serverTrouble(on: boolean): void {
    if (this.trouble !== on) {
      this.trouble = on;
      for (const l of this.listeners) {
        l();
      }
    }
  }
}

export const notices = new Notices();
