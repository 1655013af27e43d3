namespace AutoScale.Gateway.Admin;

/// <summary>
/// What an operator-given name or image reference may contain: no control characters (PostgreSQL refuses NUL in
/// text) and no unpaired surrogates (they have no UTF-8 form, so the database driver refuses them).
/// </summary>
public static class OperatorText
{
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
