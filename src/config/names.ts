/** The file names of brud's project config, nearest first when several exist in one directory. */
export const CONFIG_NAMES = ['brud.toml', '.brud.toml'];
