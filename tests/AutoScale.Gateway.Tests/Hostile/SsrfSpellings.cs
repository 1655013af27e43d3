namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// Webhook URLs a hostile tenant would try, to make the gateway POST into its own network: the list (metadata
/// service, admin port, database, SSH, RFC 1918, loopback as one number) and every other spelling of such an address.
/// </summary>
public static class SsrfSpellings
{
    public static readonly string[] Refused =
    [
        // The issue's own list.
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8080/admin/tenants",
        "http://localhost:5432/",
        "http://[::1]:22/",
        "http://10.0.0.1/",
        "http://2130706433/",
        // Loopback and the metadata service in other spellings.
        "http://0177.0.0.1/",
        "http://0x7f.0.0.1/",
        "http://0x7f000001/",
        "http://017700000001/",
        "http://127.1/",
        "http://127.0.1/",
        "http://127.0.0.1./",
        "http://127.255.255.254/",
        "http://0xA9FEA9FE/latest/meta-data/",
        "http://169.254.43518/",
        "http://0251.0376.0251.0376/",
        "https://user:secret@127.0.0.1/",
        "http://example.com@127.0.0.1/",
        "HTTP://LOCALHOST/",
        "http://localhost./",
        "http://tenant.localhost/",
        "http://localhost.localdomain/",
        "http://ip6-localhost/",
        // Unspecified, private, shared, link-local, multicast, broadcast, reserved, benchmarking, documentation.
        "http://0.0.0.0/",
        "http://0/",
        "http://[::]/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://100.127.255.254/",
        "http://169.254.0.1/",
        "http://224.0.0.1/",
        "http://239.255.255.250:1900/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://192.0.0.8/",
        "http://198.18.0.1/",
        "http://192.0.2.1/",
        // IPv6: mapped, compatible, NAT64 and 6to4 forms of the above, unique-local, link-local (zone ids too), multicast.
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[0:0:0:0:0:ffff:c0a8:101]/",
        "http://[::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:7f00:1::]/",
        "http://[fc00::1]/",
        "http://[fd12:3456:789a::1]/",
        "http://[fe80::1]/",
        "http://[fe80::1%25eth0]/",
        "http://[FE80::ABCD]:8080/",
        "http://[fec0::1]/",
        "http://[ff02::1]/",
        "http://[2001:db8::1]/",
        "http://[0:0:0:0:0:0:0:1]/",
    ];

    /// <summary>Public addresses and names: accepted at submit (names are only resolved at delivery).</summary>
    public static readonly string[] Allowed =
    [
        "http://93.184.215.14/",
        "https://8.8.8.8:8443/hooks",
        "http://1.1.1.1/",
        "http://[2606:4700::1111]/",
        "http://[2001:4860:4860::8888]/",
        "http://[::ffff:93.184.215.14]/",
        "http://[64:ff9b::808:808]/",
        "http://172.32.0.1/",
        "http://100.128.0.1/",
        "http://192.169.0.1/",
        "https://example.com/hooks/tts",
        "https://localhost.example.com/",
        "https://127.0.0.1.example.com/",
    ];
}
