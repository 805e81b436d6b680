using System.Text;

namespace BaiTiaoSwitch.Storage;

/// <summary>Azure Table keys made of ids the switch does not control (grain ids, state and reminder names).</summary>
public static class TableKeys
{
    /// <summary>
    /// The parts joined by <c>|</c>, with every character Azure Table refuses in a key (<c>/ \ # ?</c>, controls), the
    /// separator, and the escape itself written as <c>~</c> and its code: distinct parts stay distinct keys, and every key
    /// of one first part starts with that part and <c>|</c>.
    /// </summary>
    public static string Join(params string[] parts)
    {
        var key = new StringBuilder(parts.Sum(part => part.Length + 1));
        foreach (var part in parts)
        {
            if (key.Length > 0)
            {
                key.Append('|');
            }

            foreach (var character in part)
            {
                if (character is '/' or '\\' or '#' or '?' or '~' or '%' or '|' || char.IsControl(character))
                {
                    key.Append('~').Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    key.Append(character);
                }
            }
        }

        return key.ToString();
    }
}
