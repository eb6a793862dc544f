// A 32×32 PNG for the tray (inline, so the bundle needs no asset path at run time).
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAe0lEQVR42u3X6wnAMAgE4GySETt4h0gHKBWtnl4eQv4F7oM80NZmq37dQ1oloVDM33A3whvsgkSHmxCocDWiFIAOFxFZ4Z+IvQHZ4S+EtMlbBzA/oPwS7gHQICxnC/kJ1wdYn2N6TxAF4G/JyptSiracYjChGc0ohlNkPSHbZ1rt0vQfAAAAAElFTkSuQmCC';
